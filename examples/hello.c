/*
 * A WASI command for `beamr run`: greets its arguments (or the world), reports the NAME
 * environment variable, counts the lines of stdin when asked (--count-stdin), and exits with the
 * number of arguments as its status, so that the exit code can be seen passing through.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--count-stdin") == 0) {
        int lines = 0;
        for (int c; (c = getchar()) != EOF;) lines += c == '\n';
        printf("%d lines on stdin\n", lines);
        return 0;
    }
    if (argc == 1) printf("Hello, world!\n");
    for (int i = 1; i < argc; i++) printf("Hello, %s!\n", argv[i]);
    const char *name = getenv("NAME");
    if (name) printf("NAME=%s\n", name);
    return argc - 1;
}
