/*
 * A WASI command exercising the preview1 provider through wasi-libc: it prints its arguments and
 * one environment variable, echoes a line of stdin, reads /data/input.txt, writes
 * /data/out/report.txt, lists /data, prints clock and random values, and exits with the code given
 * by the EXIT_CODE variable.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    return 100;
}

int main(int argc, char **argv) {
    printf("hello from wasi\n");
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");

    char line[128];
    if (fgets(line, sizeof line, stdin)) printf("stdin: %s", line);

    FILE *in = fopen("/data/input.txt", "r");
    if (!in) return fail("open /data/input.txt");
    char text[256];
    size_t n = fread(text, 1, sizeof text - 1, in);
    text[n] = 0;
    fclose(in);
    printf("input.txt (%zu bytes): %s", n, text);

    if (mkdir("/data/out", 0755) != 0) return fail("mkdir /data/out");
    FILE *out = fopen("/data/out/report.txt", "w");
    if (!out) return fail("open /data/out/report.txt");
    fprintf(out, "read %zu bytes\n", n);
    fclose(out);
    struct stat st;
    if (stat("/data/out/report.txt", &st) != 0) return fail("stat report.txt");
    printf("report.txt size=%lld\n", (long long) st.st_size);

    DIR *dir = opendir("/data");
    if (!dir) return fail("opendir /data");
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] != '.') printf("entry: %s\n", entry->d_name);
    }
    closedir(dir);

    if (fopen("/data/missing.txt", "r") == NULL) printf("missing.txt: %s\n", strerror(errno));

    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    unsigned char random[8];
    if (getentropy(random, sizeof random) != 0) return fail("getentropy");
    printf("time=%lld.%09ld random=", (long long) now.tv_sec, now.tv_nsec);
    for (size_t i = 0; i < sizeof random; i++) printf("%02x", random[i]);
    printf("\n");

    fprintf(stderr, "done\n");
    const char *code = getenv("EXIT_CODE");
    return code ? atoi(code) : 0;
}
