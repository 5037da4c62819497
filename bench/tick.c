/*
 * tick.c — run a command and print what it cost, to the microsecond.
 *
 *	tick [-o FILE] [-q] command [argument ...]
 *
 * Prints one line "WALL USER SYS MAXRSS STATUS": wall, user and system
 * time in seconds (wall from CLOCK_MONOTONIC around fork and wait4,
 * the CPU times and the peak resident set in KiB from wait4's rusage,
 * the same source as /usr/bin/time -v), and the exit status (128+N
 * when killed by signal N).  -o appends the line to FILE instead of
 * standard error; -q sends the command's standard output and error to
 * /dev/null.  tick's own exit status is the command's.
 *
 * Built by bench/run.sh with cc; not part of gen.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Seconds in a struct timeval. */
static double
tv_sec(struct timeval tv)
{
	return tv.tv_sec + tv.tv_usec / 1e6;
}

/* In the child: silence standard output and error when quiet, then
 * exec argv; never returns. */
static void
child(char *argv[], int quiet)
{
	int	 fd;

	if (quiet && (fd = open("/dev/null", O_WRONLY)) != -1) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "tick: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

int
main(int argc, char *argv[])
{
	struct rusage	 ru;
	const char	*outfile = NULL;
	FILE		*out = stderr;
	double		 t0, wall;
	pid_t		 pid;
	int		 c, quiet = 0, status, code;

	while ((c = getopt(argc, argv, "+o:q")) != -1)
		switch (c) {
		case 'o': outfile = optarg; break;
		case 'q': quiet = 1; break;
		default: goto usage;
		}
	if (optind >= argc)
		goto usage;
	if (outfile != NULL && (out = fopen(outfile, "a")) == NULL) {
		fprintf(stderr, "tick: %s: %s\n", outfile, strerror(errno));
		return 2;
	}
	t0 = now();
	if ((pid = fork()) == -1) {
		fprintf(stderr, "tick: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0)
		child(argv + optind, quiet);
	while (wait4(pid, &status, 0, &ru) == -1)
		if (errno != EINTR) {
			fprintf(stderr, "tick: wait4: %s\n", strerror(errno));
			return 2;
		}
	wall = now() - t0;
	code = WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
	fprintf(out, "%.6f %.6f %.6f %ld %d\n", wall, tv_sec(ru.ru_utime),
	    tv_sec(ru.ru_stime), ru.ru_maxrss, code);
	if (out != stderr)
		fclose(out);
	return code;
usage:
	fputs("usage: tick [-o FILE] [-q] command [argument ...]\n", stderr);
	return 2;
}
