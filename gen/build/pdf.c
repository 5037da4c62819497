/*
 * pdf.c — gen print --pdf: the PDFs of the print editions, by
 * WeasyPrint, run without a shell (posix_spawn).
 *
 * gen print lists the HTML files to make PDFs of; a PDF is made again
 * only when it is missing or not newer than its HTML or the print.css
 * beside it (gen rewrites an HTML file only when its bytes change, so
 * only the editions of changed documents are made again).  WeasyPrint
 * is $GEN_WEASYPRINT, else [print] weasyprint, else weasyprint on the
 * PATH.  When it is a Python script (as pip and Debian install it), its
 * Python runs the driver gen/build/pdf.py, compiled in (pdf_driver):
 * every PDF in one WeasyPrint process, with the faces subset once into
 * a cache ($GEN_FONT_CACHE, else $XDG_CACHE_HOME/gen/print-fonts, else
 * ~/.cache/gen/print-fonts; never inside the published out/).  Any
 * other weasyprint (a standalone executable) is run once per PDF.
 * SOURCE_DATE_EPOCH, unless set, is 0 for WeasyPrint: the faces it
 * embeds are then dated alike, and a PDF is the same bytes every time.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build/build_int.h"

extern char **environ;

/* path found on the PATH (a name without '/'), or path itself when it
 * has a '/'; NULL when it is not an executable file. */
char *
program_find(const char *path)
{
	const char	*dirs = getenv("PATH"), *colon;
	struct buf	 b = BUF_INIT;
	struct stat	 st;
	char		*found = NULL;

	if (path == NULL || *path == '\0')
		return NULL;
	if (strchr(path, '/') != NULL)
		return access(path, X_OK) == 0 && stat(path, &st) == 0 &&
		    S_ISREG(st.st_mode) ? xstrdup(path) : NULL;
	while (dirs != NULL && *dirs != '\0' && found == NULL) {
		colon = strchr(dirs, ':');
		buf_reset(&b);
		buf_printf(&b, "%.*s/%s", colon ? (int)(colon - dirs) :
		    (int)strlen(dirs), dirs, path);
		if (access(buf_cstr(&b), X_OK) == 0 &&
		    stat(buf_cstr(&b), &st) == 0 && S_ISREG(st.st_mode))
			found = xstrdup(buf_cstr(&b));
		dirs = colon ? colon + 1 : NULL;
	}
	buf_free(&b);
	return found;
}

/* The WeasyPrint program of cfg: $GEN_WEASYPRINT, else [print]
 * weasyprint, else weasyprint on the PATH; NULL when there is none. */
char *
pdf_program(const struct config *cfg)
{
	const char	*env = getenv("GEN_WEASYPRINT");

	if (env != NULL && *env != '\0')
		return program_find(env);
	if (cfg->weasyprint != NULL && cfg->weasyprint[0] != '\0')
		return program_find(cfg->weasyprint);
	return program_find("weasyprint");
}

/* Does the file name of path (its last part) hold "python"? */
static int
is_python(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return strstr(slash ? slash + 1 : path, "python") != NULL;
}

/* The Python that runs the script prog, from its #! line (directly or
 * through env), or NULL when prog is not a Python script. */
static char *
python_of(const char *prog)
{
	char	 line[512], *p, *word, *end;
	FILE	*f;
	int	 env = 0;

	if ((f = fopen(prog, "rb")) == NULL)
		return NULL;
	p = fgets(line, sizeof(line), f);
	fclose(f);
	if (p == NULL || strncmp(line, "#!", 2) != 0)
		return NULL;
	for (p = line + 2; ; p = end) {
		while (*p == ' ' || *p == '\t')
			p++;
		for (end = p; *end != '\0' && *end != ' ' && *end != '\t' &&
		    *end != '\n' && *end != '\r'; end++)
			continue;
		if (end == p)
			return NULL;
		word = xstrndup(p, (size_t)(end - p));
		if (!env && strcmp(strrchr(word, '/') ? strrchr(word, '/') +
		    1 : word, "env") == 0) {
			env = 1;	/* #!/usr/bin/env python3 */
			free(word);
			continue;
		}
		if (env && word[0] == '-') {	/* env -S ... */
			free(word);
			continue;
		}
		break;
	}
	if (!is_python(word)) {
		free(word);
		return NULL;
	}
	p = program_find(word);
	free(word);
	return p;
}

/* Modification time of path in ns, or -1 when it is not there. */
static long long
mtime_ns(const char *path)
{
	struct stat	 st;

	if (stat(path, &st) == -1)
		return -1;
	return (long long)st.st_mtim.tv_sec * 1000000000LL +
	    st.st_mtim.tv_nsec;
}

/* The PDF of html (.pdf for .html), in b. */
static void
pdf_of(struct buf *b, const char *html)
{
	size_t	 n = strlen(html);

	buf_reset(b);
	if (n > 5 && strcmp(html + n - 5, ".html") == 0)
		n -= 5;
	buf_printf(b, "%.*s.pdf", (int)n, html);
}

/* Is the PDF of html missing, or not newer than html or the print.css
 * beside it? */
static int
pdf_stale(const char *html)
{
	struct buf	 b = BUF_INIT;
	const char	*slash = strrchr(html, '/');
	long long	 pdf, t;
	int		 stale;

	pdf_of(&b, html);
	pdf = mtime_ns(buf_cstr(&b));
	stale = pdf == -1 || mtime_ns(html) >= pdf;
	buf_reset(&b);
	buf_printf(&b, "%.*sprint.css", slash ? (int)(slash - html + 1) : 0,
	    html);
	if (!stale && (t = mtime_ns(buf_cstr(&b))) != -1 && t >= pdf)
		stale = 1;
	buf_free(&b);
	return stale;
}

/* Run argv[0] with argv in env, its standard output going to standard
 * error.  Return its exit status, or -1 when it could not run or was
 * killed (errno or the signal in *why). */
static int
run(char *const argv[], char *const env[], char *why, size_t whylen)
{
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	int				 status, err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
	err = posix_spawn(&pid, argv[0], &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	if (err != 0) {
		snprintf(why, whylen, "cannot run: %s", strerror(err));
		return -1;
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			snprintf(why, whylen, "cannot wait: %s",
			    strerror(errno));
			return -1;
		}
	if (WIFSIGNALED(status)) {
		snprintf(why, whylen, "killed by signal %d",
		    WTERMSIG(status));
		return -1;
	}
	snprintf(why, whylen, "exit status %d", WEXITSTATUS(status));
	return WEXITSTATUS(status);
}

/* The environment of WeasyPrint: ours, with SOURCE_DATE_EPOCH and
 * GEN_FONT_CACHE when they are not set (strings in a). */
static char **
pdf_env(struct arena *a)
{
	const char	*cache = getenv("GEN_FONT_CACHE");
	const char	*xdg = getenv("XDG_CACHE_HOME");
	const char	*home = getenv("HOME"), *tmp = getenv("TMPDIR");
	char		**env;
	size_t		 n, i;

	for (n = 0; environ[n] != NULL; n++)
		continue;
	env = xreallocarray(NULL, n + 3, sizeof(*env));
	for (i = 0; i < n; i++)
		env[i] = environ[i];
	if (getenv("SOURCE_DATE_EPOCH") == NULL)
		env[n++] = arena_strdup(a, "SOURCE_DATE_EPOCH=0");
	if (cache == NULL || *cache == '\0') {
		if (xdg != NULL && xdg[0] == '/')
			env[n++] = arena_printf(a, "GEN_FONT_CACHE=%s/gen/"
			    "print-fonts", xdg);
		else if (home != NULL && home[0] == '/')
			env[n++] = arena_printf(a, "GEN_FONT_CACHE=%s/.cache/"
			    "gen/print-fonts", home);
		else
			env[n++] = arena_printf(a, "GEN_FONT_CACHE=%s/"
			    "gen-print-fonts-%ld", tmp && *tmp ? tmp : "/tmp",
			    (long)getuid());
	}
	env[n] = NULL;
	return env;
}

/* Make the PDFs of the HTML files of list ("PATH\n" each) that are
 * stale (see above) with WeasyPrint.  Return 0, PDF_MISSING when
 * WeasyPrint is needed and not found (nothing made; st->program NULL),
 * or -1 after adding an error to d for each PDF not made. */
int
pdf_make(const struct config *cfg, const char *list, struct pdf_stats *st,
    struct diags *d)
{
	struct arena	 a = ARENA_INIT;
	struct buf	 pdf = BUF_INIT, tmp = BUF_INIT;
	const char	*p, *nl;
	char		**todo = NULL, **argv, **env, *python;
	char		 why[128];
	size_t		 n = 0, i, k;
	int		 rc = 0, driver;

	memset(st, 0, sizeof(*st));
	for (p = list; *p != '\0'; p = nl + (*nl != '\0')) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (nl == p)
			continue;
		k = (size_t)(nl - p);
		if (k > 5 && strncmp(nl - 5, ".html", 5) == 0) {
			char *h = arena_strndup(&a, p, k);

			if (!pdf_stale(h)) {
				st->kept++;
				continue;
			}
			todo = xreallocarray(todo, n + 1, sizeof(*todo));
			todo[n++] = h;
		}
	}
	if (n == 0) {
		free(todo);
		arena_free(&a);
		return 0;
	}
	if ((st->program = pdf_program(cfg)) == NULL) {
		free(todo);
		arena_free(&a);
		return PDF_MISSING;
	}
	env = pdf_env(&a);
	python = python_of(st->program);
	if ((driver = python != NULL)) {
		/* One process: python -c DRIVER HTML... */
		argv = xreallocarray(NULL, n + 4, sizeof(*argv));
		argv[0] = python;
		argv[1] = arena_strdup(&a, "-c");
		argv[2] = (char *)pdf_driver;
		for (i = 0; i < n; i++)
			argv[3 + i] = todo[i];
		argv[3 + n] = NULL;
		if (run(argv, env, why, sizeof(why)) == -1)
			diag_add(d, st->program, 0, 0, SEV_ERROR,
			    "WeasyPrint (%s) %s", python, why);
		free(argv);
		free(python);
	} else {
		/* weasyprint HTML PDF.tmp, then the PDF in its place. */
		for (i = 0; i < n; i++) {
			char *v[5];

			pdf_of(&pdf, todo[i]);
			buf_reset(&tmp);
			buf_printf(&tmp, "%s.tmp", buf_cstr(&pdf));
			v[0] = st->program;
			v[1] = arena_strdup(&a, "--quiet");
			v[2] = todo[i];
			v[3] = (char *)buf_cstr(&tmp);
			v[4] = NULL;
			if (run(v, env, why, sizeof(why)) != 0 ||
			    rename(buf_cstr(&tmp), buf_cstr(&pdf)) == -1) {
				(void)unlink(buf_cstr(&tmp));
				diag_add(d, buf_cstr(&pdf), 0, 0, SEV_ERROR,
				    "WeasyPrint failed (%s)", why);
			}
		}
	}
	/* What was made: the PDFs now newer than their HTML. */
	for (i = 0; i < n; i++)
		if (pdf_stale(todo[i])) {
			st->failed++;
			rc = -1;
		} else
			st->made++;
	if (st->failed > 0 && driver)
		diag_add(d, st->program, 0, 0, SEV_ERROR, "%zu of %zu PDFs "
		    "not made", st->failed, n);
	free(env);
	free(todo);
	buf_free(&pdf);
	buf_free(&tmp);
	arena_free(&a);
	return rc;
}
