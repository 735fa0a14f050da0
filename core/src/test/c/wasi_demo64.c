/*
 * A freestanding memory64 WASI command (no wasm64 libc exists for the toolchain): it calls the
 * preview1 imports directly with 64-bit pointers and sizes, as memory64 toolchains such as
 * emscripten declare them. It prints its arguments and the GREETING variable, copies
 * /data/input.txt to stdout, and exits with the code given as its second argument.
 */
typedef unsigned long size_t;
typedef unsigned long long uint64_t;
typedef unsigned char uint8_t;

#define WASI_IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

typedef struct { const uint8_t *buf; size_t len; } ciovec;
typedef struct { uint8_t *buf; size_t len; } iovec;

WASI_IMPORT(args_sizes_get) int args_sizes_get(size_t *argc, size_t *buffer_size);
WASI_IMPORT(args_get) int args_get(char **argv, char *buffer);
WASI_IMPORT(environ_sizes_get) int environ_sizes_get(size_t *count, size_t *buffer_size);
WASI_IMPORT(environ_get) int environ_get(char **environ, char *buffer);
WASI_IMPORT(fd_write) int fd_write(int fd, const ciovec *iovs, size_t iovs_len, size_t *written);
WASI_IMPORT(fd_read) int fd_read(int fd, const iovec *iovs, size_t iovs_len, size_t *read);
WASI_IMPORT(fd_close) int fd_close(int fd);
WASI_IMPORT(fd_prestat_get) int fd_prestat_get(int fd, uint8_t *prestat);
WASI_IMPORT(path_open) int path_open(int dir_fd, int lookup_flags, const char *path, size_t path_len,
                                     int open_flags, uint64_t rights, uint64_t inheriting_rights,
                                     int fd_flags, int *opened_fd);
WASI_IMPORT(proc_exit) _Noreturn void proc_exit(int code);

enum { STDOUT = 1, FIRST_PREOPEN = 3, RIGHT_FD_READ = 1 << 1 };

static char strings[4096];
static char *pointers[64];
static uint8_t file_buffer[1024];

static size_t length(const char *text) {
    size_t n = 0;
    while (text[n]) n++;
    return n;
}

static void print(const char *text, size_t len) {
    ciovec iov = {(const uint8_t *) text, len};
    size_t written;
    fd_write(STDOUT, &iov, 1, &written);
}

static void print_line(const char *label, const char *value) {
    ciovec iovs[3] = {{(const uint8_t *) label, length(label)}, {(const uint8_t *) value, length(value)},
                      {(const uint8_t *) "\n", 1}};
    size_t written;
    fd_write(STDOUT, iovs, 3, &written);
}

static int starts_with(const char *text, const char *prefix) {
    while (*prefix) {
        if (*text++ != *prefix++) return 0;
    }
    return 1;
}

static int parse_int(const char *text) {
    int value = 0;
    while (*text >= '0' && *text <= '9') value = value * 10 + (*text++ - '0');
    return value;
}

void _start(void) {
    size_t argc, size;
    if (args_sizes_get(&argc, &size) != 0 || argc > 64 || size > sizeof strings) proc_exit(100);
    args_get(pointers, strings);
    for (size_t i = 0; i < argc; i++) print_line("arg: ", pointers[i]);
    int code = argc > 1 ? parse_int(pointers[1]) : 0;

    size_t count;
    if (environ_sizes_get(&count, &size) != 0 || count > 64 || size > sizeof strings) proc_exit(101);
    environ_get(pointers, strings);
    for (size_t i = 0; i < count; i++) {
        if (starts_with(pointers[i], "GREETING=")) print_line("env: ", pointers[i]);
    }

    uint8_t prestat[16];
    if (fd_prestat_get(FIRST_PREOPEN, prestat) != 0) proc_exit(102);
    int fd;
    const char *name = "input.txt";
    if (path_open(FIRST_PREOPEN, 0, name, length(name), 0, RIGHT_FD_READ, 0, 0, &fd) != 0) proc_exit(103);
    iovec iov = {file_buffer, sizeof file_buffer};
    size_t read;
    if (fd_read(fd, &iov, 1, &read) != 0) proc_exit(104);
    fd_close(fd);
    print("file: ", 6);
    print((const char *) file_buffer, read);
    proc_exit(code);
}
