/* maxrss OUTFILE COMMAND [ARGS...]: runs COMMAND and writes its peak resident set size (KiB) to
 * OUTFILE; exits with COMMAND's status. bench.py measures memory through this small process
 * because a child forked straight from Python starts as a copy of the Python process, and the
 * kernel counts that copy in the child's peak RSS. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: maxrss OUTFILE COMMAND [ARGS...]\n"); return 2; }
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) { execvp(argv[2], argv + 2); perror("exec"); _exit(127); }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) { perror("wait4"); return 2; }
    FILE *out = fopen(argv[1], "w");
    if (out) { fprintf(out, "%ld\n", usage.ru_maxrss); fclose(out); }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
