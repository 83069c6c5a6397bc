/* What a fresh page of memory costs on this machine, for bench/PROFILE.md
 * ("twelfth round"): maps SIZE MiB (aligned to 2 MiB), writes one byte in
 * every 4 KiB of it, and prints the milliseconds that took.
 *
 *   cc -O2 bench/fresh-pages.c -o /tmp/fresh-pages
 *   for i in $(seq 30); do /tmp/fresh-pages 0 32; /tmp/fresh-pages 1 32; done
 *
 * MODE 0: 4 KiB pages, one fault each (what glibc's allocator, and so
 *         Taskwarrior, gets);
 * MODE 1: transparent huge pages asked for with madvise (what mimalloc,
 *         and so roadmap, asks for), one fault per 2 MiB;
 * MODE 2: 4 KiB pages made present in one call (MADV_POPULATE_WRITE). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s MODE SIZE_MIB\n", argv[0]);
        return 2;
    }
    int mode = atoi(argv[1]);
    size_t huge = (size_t)2 << 20;
    size_t size = (size_t)atoi(argv[2]) << 20;
    char *mapped = mmap(NULL, size + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    char *start = (char *)(((size_t)mapped + huge - 1) & ~(huge - 1));
    double began = now_ms();
    if (mode == 1) madvise(start, size, MADV_HUGEPAGE);
    if (mode == 2) madvise(start, size, MADV_POPULATE_WRITE);
    for (size_t at = 0; at < size; at += 4096) start[at] = 1;
    printf("mode %d %zu MiB %.2f ms\n", mode, size >> 20, now_ms() - began);
    return 0;
}
