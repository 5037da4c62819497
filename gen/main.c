/*
 * main.c — the command line.  The only file that prints usage, decides
 * exit statuses and exits.
 *
 * Exit status: 0 success, 1 a document, template or config has an
 * error (or a warning under --werror; never a note), a PDF could not be
 * made, or standard output could not be written, 2 bad usage, 3 out
 * of memory (die_oom), 4 gen print --pdf found no WeasyPrint (the HTML
 * was written, no PDF made).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "build/build.h"
#include "mustache/mustache.h"
#include "parse/parse.h"
#include "site/site.h"

#define EXIT_ERR	1
#define EXIT_USAGE	2
#define EXIT_NOPDF	4	/* gen print --pdf: no WeasyPrint */

static const char usage_text[] =
"usage: gen build [-c config.ini] [-o DIR] [-j N] [--full] [--strict] [--drafts]\n"
"                 [--keep-going] [--no-search]\n"
"                 [--input-encoding ENC] [--depfile FILE [--dep-target T]]\n"
"       gen watch [-c config.ini] [-o DIR] [-j N] [--strict]\n"
"       gen serve [-c config.ini] [-o DIR] [--port N] [--drafts]\n"
"       gen check [-c config.ini] [--werror] [--format=github] [FILE...]\n"
"       gen init DIR\n"
"       gen print [-c config.ini] [-o DIR] [--docs] [--pdf] [FILE...]\n"
"       gen dump --json [--input-encoding ENC] FILE...\n"
"       gen dump --view PAGE [-c config.ini] [--drafts]\n"
"       gen render [-c config.ini] TEMPLATE [DATA.json]\n"
"       gen --help | --version\n";

/* The first error writing standard output (0: none). */
static int out_errno;

/* Write n bytes of p to standard output, noting the first error. */
static void
out_put(const void *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n && out_errno == 0)
		out_errno = errno ? errno : EIO;
}

/* Flush and close standard output: status rc, or EXIT_ERR after
 * "gen: write error: ..." when anything written to it was lost. */
static int
out_close(int rc)
{
	errno = 0;
	if ((fflush(stdout) == EOF || ferror(stdout)) && out_errno == 0)
		out_errno = errno ? errno : EIO;
	errno = 0;
	if (fclose(stdout) == EOF && out_errno == 0)
		out_errno = errno ? errno : EIO;
	if (out_errno == 0)
		return rc;
	fprintf(stderr, "gen: write error: %s\n", strerror(out_errno));
	return EXIT_ERR;
}

static void
usage(FILE *f)
{
	fputs(usage_text, f);
}

static void
help(void)
{
	usage(stdout);
	fputs("\n"
"gen reads a folder of work plans, reports and summaries (plain text or\n"
"Markdown, UTF-8, GB18030 or UTF-16), parses each into a tree of sections\n"
"and numbered items, and renders the trees with Mustache templates.\n"
"\n"
"commands:\n"
"  build    build the site from [paths] content into [paths] out: only\n"
"           what changed since the last build (OUT/.gen-manifest); then\n"
"           the search index with Pagefind when it is installed\n"
"  watch    build, then build again whenever an input changes\n"
"  serve    watch, serving the site at http://127.0.0.1:8080/ (--port);\n"
"           open pages reload after each build, or show its errors\n"
"  check    print file:line:col diagnostics; exit 1 on errors\n"
"  init     write a new site into DIR (empty or new): config.ini, an\n"
"           example document, .gitignore, README.md, a CI workflow\n"
"  print    write print editions (HTML) into OUT/print: the annual\n"
"           summaries, with --docs each document's edition too; list\n"
"           those to make PDFs of, or with --pdf make the PDFs that are\n"
"           missing or older than their HTML with WeasyPrint (exit 4\n"
"           when it is not found: $GEN_WEASYPRINT, [print] weasyprint,\n"
"           else weasyprint on the PATH)\n"
"  dump     print the document tree of each FILE as JSON; --view PAGE:\n"
"           the data the template of PAGE receives (PAGE: a document's\n"
"           path, e.g. content/a.txt, or a page of out/: index,\n"
"           tag/index, tag/NAME, year/2024, ...)\n"
"  render   render one Mustache template with JSON data (or {})\n"
"\n"
"options:\n"
"  -c, --config FILE         read FILE (default config.ini, when present)\n"
"  -o, --out DIR             write the site into DIR\n"
"  -j, --jobs N              use N threads (default $GEN_JOBS, else the CPUs)\n"
"      --full                build everything, ignoring the manifest\n"
"      --depfile FILE        write a make rule of the inputs to FILE\n"
"      --dep-target T        the target of that rule (default FILE)\n"
"      --strict              a missing template name or partial is an error\n"
"  -k, --keep-going          a document with an error does not stop the\n"
"                            build: the rest is published, its last good\n"
"                            version kept (exit status still 1)\n"
"      --drafts              publish documents whose front matter says\n"
"                            draft: true (build, watch, print, dump --view)\n"
"      --input-encoding ENC  decode every input as ENC (e.g. GB18030)\n"
"      --werror              treat warnings as errors (check)\n"
"      --format=github       diagnostics as GitHub Actions annotations on\n"
"                            stdout, shown on the lines of a pull request\n"
"      --json                JSON output (dump)\n"
"      --no-search           do not run Pagefind after the build (build)\n"
"      --port N              serve on port N (serve; default 8080, 0 any)\n"
"      --docs                every document's print edition too (print)\n"
"      --pdf                 make the PDFs with WeasyPrint (print)\n"
"\n"
"exit status: 0 success; 1 errors (or warnings under --werror), or a\n"
"PDF WeasyPrint could not make; 2 bad usage; 3 out of memory; 4 gen\n"
"print --pdf found no WeasyPrint (the HTML was written, no PDF made)\n",
	    stdout);
}

/* ---- Collecting content files ---- */

struct paths {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static void
paths_add(struct paths *p, char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n++] = s;
}

static void
paths_free(struct paths *p)
{
	size_t	 i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* paths_add for content_files. */
static void
paths_take(void *arg, char *path)
{
	paths_add(arg, path);
}

/* ---- Shared option handling ---- */

struct opts {
	const char	*config;
	const char	*out;
	const char	*encoding;
	int		 strict;
	int		 werror;
	int		 json;
	int		 docs;
	int		 jobs;
	int		 full;
	int		 drafts;
	int		 keep_going;
	const char	*depfile;
	const char	*dep_target;
	const char	*view;
	const char	*format;
	int		 port;
	int		 no_search;
	int		 pdf;
};

enum { OPT_STRICT = 256, OPT_ENC, OPT_WERROR, OPT_JSON, OPT_DOCS, OPT_FULL,
    OPT_DEPFILE, OPT_DEPTARGET, OPT_VIEW, OPT_DRAFTS,
    OPT_KEEPGOING, OPT_FORMAT, OPT_PORT, OPT_NOSEARCH, OPT_PDF };

static const struct option longopts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "out", required_argument, NULL, 'o' },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "input-encoding", required_argument, NULL, OPT_ENC },
	{ "werror", no_argument, NULL, OPT_WERROR },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "docs", no_argument, NULL, OPT_DOCS },
	{ "jobs", required_argument, NULL, 'j' },
	{ "full", no_argument, NULL, OPT_FULL },
	{ "depfile", required_argument, NULL, OPT_DEPFILE },
	{ "dep-target", required_argument, NULL, OPT_DEPTARGET },
	{ "view", required_argument, NULL, OPT_VIEW },
	{ "drafts", no_argument, NULL, OPT_DRAFTS },
	{ "keep-going", no_argument, NULL, OPT_KEEPGOING },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "no-search", no_argument, NULL, OPT_NOSEARCH },
	{ "pdf", no_argument, NULL, OPT_PDF },
	{ NULL, 0, NULL, 0 },
};

/* Parse options after the command word; return the index of the first
 * operand, or -1 on bad usage. */
static int
parse_opts(int argc, char *argv[], struct opts *o)
{
	int	 c;

	optind = 1;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "c:o:j:k", longopts, NULL)) != -1)
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'o': o->out = optarg; break;
		case OPT_STRICT: o->strict = 1; break;
		case OPT_ENC: o->encoding = optarg; break;
		case OPT_WERROR: o->werror = 1; break;
		case OPT_JSON: o->json = 1; break;
		case OPT_DOCS: o->docs = 1; break;
		case 'j':
			if ((o->jobs = atoi(optarg)) < 1)
				return -1;
			break;
		case OPT_FULL: o->full = 1; break;
		case OPT_DEPFILE: o->depfile = optarg; break;
		case OPT_DEPTARGET: o->dep_target = optarg; break;
		case OPT_VIEW: o->view = optarg; break;
		case OPT_NOSEARCH: o->no_search = 1; break;
		case OPT_PDF: o->pdf = 1; break;
		case OPT_PORT:
			o->port = atoi(optarg);
			if (o->port < 0 || o->port > 65535)
				return -1;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "github") != 0)
				return -1;
			o->format = optarg;
			break;
		case OPT_DRAFTS: o->drafts = 1; break;
		case 'k':
		case OPT_KEEPGOING: o->keep_going = 1; break;
		default: return -1;
		}
	return optind;
}

/* $GEN_DATADIR, when set, is where the built-in templates are (an
 * installation moved elsewhere, or tests). */
static void
datadir(struct config *cfg)
{
	const char	*e = getenv("GEN_DATADIR");
	struct buf	 b = BUF_INIT;

	if (e == NULL || *e == '\0')
		return;
	buf_printf(&b, "%s/templates", e);
	free(cfg->builtin_dir);
	cfg->builtin_dir = xstrdup(buf_cstr(&b));
	buf_free(&b);
}

/* Load the configuration: defaults, then -c FILE (which must exist) or
 * ./config.ini when present, then command-line overrides. */
static int
load_config(struct config *cfg, const struct opts *o, struct diags *d)
{
	struct stat	 st;
	int		 rc = 0;

	config_defaults(cfg);
	if (o->config)
		rc = config_load(cfg, o->config, d);
	else if (stat("config.ini", &st) == 0)
		rc = config_load(cfg, "config.ini", d);
	if (o->out) {
		free(cfg->out_dir);
		cfg->out_dir = xstrdup(o->out);
	}
	if (o->encoding) {
		free(cfg->input_encoding);
		cfg->input_encoding = xstrdup(o->encoding);
	}
	if (o->strict)
		cfg->strict = 1;
	if (o->drafts)
		cfg->drafts = 1;
	datadir(cfg);
	return rc;
}

/* Print d (its notes too under notes), free it, and return the exit
 * status: an error fails, a warning only under werror, a note never. */
static int
finish_notes(struct diags *d, int werror, int notes)
{
	int	 bad;

	if (notes)
		diags_print_notes(d, stderr);
	else
		diags_print(d, stderr);
	bad = diags_count(d, SEV_ERROR) > 0 ||
	    (werror && diags_count(d, SEV_WARNING) > 0);
	diags_free(d);
	return bad ? EXIT_ERR : EXIT_SUCCESS;
}

/* Write s with GitHub's workflow-command escapes (% CR LF, and in a
 * property also : and ,). */
static void
gh_escape(const char *s, int property, FILE *f)
{
	for (; *s != '\0'; s++)
		if (*s == '%')
			fputs("%25", f);
		else if (*s == '\r')
			fputs("%0D", f);
		else if (*s == '\n')
			fputs("%0A", f);
		else if (property && *s == ':')
			fputs("%3A", f);
		else if (property && *s == ',')
			fputs("%2C", f);
		else
			fputc(*s, f);
}

/* Print d as GitHub Actions annotations, one a line on stdout:
 * "::warning file=F,line=L,col=C::message" (a repeat once). */
static void
diags_print_github(const struct diags *d, FILE *f)
{
	const struct diag	*g;
	size_t			 i;

	for (i = 0; i < d->n; i++) {
		g = &d->v[i];
		if (i > 0 && g->sev == g[-1].sev && g->line == g[-1].line &&
		    g->col == g[-1].col && strcmp(g->file, g[-1].file) == 0 &&
		    strcmp(g->msg, g[-1].msg) == 0)
			continue;
		fprintf(f, "::%s file=", g->sev == SEV_ERROR ? "error" :
		    g->sev == SEV_NOTE ? "notice" : "warning");
		gh_escape(g->file, 1, f);
		if (g->line > 0)
			fprintf(f, ",line=%d", g->line);
		if (g->col > 0)
			fprintf(f, ",col=%d", g->col);
		fputs("::", f);
		gh_escape(g->msg, 0, f);
		if (g->id != NULL) {
			fputs(" [", f);
			gh_escape(g->id, 0, f);
			fputc(']', f);
		}
		fputc('\n', f);
	}
}

/* finish_notes() without the notes (every command but check). */
static int
finish(struct diags *d, int werror)
{
	return finish_notes(d, werror, 0);
}

/* ---- Commands ---- */

static int	 dump_view(const struct opts *);

/* doc_json_put()'s put: standard output (out_put). */
static void
dump_put(void *arg, const char *s, size_t n)
{
	(void)arg;
	out_put(s, n);
}

static int
cmd_dump(int argc, char *argv[])
{
	struct opts	 o = { 0 };
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct doc	*doc;
	int		 i, first, ndocs = 0;

	if ((first = parse_opts(argc, argv, &o)) == -1 ||
	    (first == argc) == (o.view == NULL)) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (o.view != NULL)
		return dump_view(&o);
	config_defaults(&cfg);
	if (o.encoding)
		cfg.input_encoding = xstrdup(o.encoding);
	/* Each document's JSON goes out as it is made (doc_json_put):
	 * a large one is never held whole. */
	if (argc - first > 1)
		out_put("[\n", 2);
	for (i = first; i < argc; i++) {
		if ((doc = doc_load(argv[i], &cfg, &d)) == NULL)
			continue;
		if (ndocs++ > 0)
			out_put(",\n", 2);
		doc_json_put(doc, 2, dump_put, NULL);
		doc_free(doc);
	}
	if (argc - first > 1)
		out_put("]\n", 2);
	config_free(&cfg);
	diags_sort(&d);
	return finish(&d, 0);
}

/* gen dump --view PAGE: build the site into a temporary folder with
 * the data of PAGE written as JSON beside it; print that. */
static int
dump_view(const struct opts *o)
{
	struct config		 cfg;
	struct diags		 d = DIAGS_INIT;
	struct build_opts	 bo;
	struct build_stats	 st;
	struct buf		 tmp = BUF_INIT, view = BUF_INIT,
				 json = BUF_INIT;
	const char		*t = getenv("TMPDIR"), *page = o->view;
	int			 rc = EXIT_SUCCESS;

	if (load_config(&cfg, o, &d) == -1) {
		config_free(&cfg);
		return finish(&d, 0);
	}
	buf_printf(&tmp, "%s/gen-view.XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(tmp.data) == NULL) {
		fprintf(stderr, "gen: cannot make a temporary folder: %s\n",
		    strerror(errno));
		config_free(&cfg);
		buf_free(&tmp);
		return EXIT_ERR;
	}
	while (strncmp(page, "./", 2) == 0)
		page += 2;
	free(cfg.out_dir);
	cfg.out_dir = xstrdup(buf_cstr(&tmp));
	buf_printf(&view, "%s.json", buf_cstr(&tmp));
	cfg.view_page = page;
	cfg.view_out = view.data;
	memset(&bo, 0, sizeof(bo));
	bo.jobs = o->jobs;
	bo.full = 1;
	build_update(&cfg, &bo, &st, &d);
	buf_free(&st.changed);
	diags_sort(&d);
	if (file_read(view.data, &json) == 0) {
		fwrite(buf_cstr(&json), 1, json.len, stdout);
		unlink(view.data);
	} else {
		diag_add(&d, page, 0, 0, SEV_ERROR, "no such page: name a "
		    "document by its path (%s/NAME.txt) or a page of the "
		    "site by its path in %s (index, tag/index, tag/NAME, "
		    "year/2024, ...)", cfg.content_dir, "out");
		rc = EXIT_ERR;
	}
	tree_remove(tmp.data, &d);
	buf_free(&tmp);
	buf_free(&view);
	buf_free(&json);
	config_free(&cfg);
	if (finish(&d, 0) != EXIT_SUCCESS)
		rc = EXIT_ERR;
	return rc;
}

/* Load every file (operands, else the content folder) into docs; with
 * drafts_out, leave drafts out (unless cfg says to keep them). */
static struct doc **
load_all(const struct config *cfg, int argc, char *argv[], int drafts_out,
    size_t *ndocs, struct diags *d)
{
	struct paths	 files = { 0 };
	struct doc	**docs, *doc;
	int		 i;
	size_t		 k;

	if (argc > 0)
		for (i = 0; i < argc; i++)
			paths_add(&files, xstrdup(argv[i]));
	else
		content_files(cfg->content_dir, paths_take, &files, d);
	docs = xcalloc(files.n + 1, sizeof(*docs));
	*ndocs = 0;
	for (k = 0; k < files.n; k++)
		if ((doc = doc_load(files.v[k], cfg, d)) == NULL)
			continue;
		else if (drafts_out && !cfg->drafts && front_draft(doc))
			doc_free(doc);
		else
			docs[(*ndocs)++] = doc;
	paths_free(&files);
	return docs;
}

static void
free_all(struct doc **docs, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		doc_free(docs[i]);
	free(docs);
}

static int
cmd_check(int argc, char *argv[])
{
	struct opts	 o = { 0 };
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct doc	**docs;
	size_t		 n;
	int		 first;

	if ((first = parse_opts(argc, argv, &o)) == -1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	load_config(&cfg, &o, &d);
	docs = load_all(&cfg, argc - first, argv + first, 0, &n, &d);
	free_all(docs, n);
	config_free(&cfg);
	diags_sort(&d);
	if (o.format != NULL && strcmp(o.format, "github") == 0) {
		diags_print_github(&d, stdout);
		first = diags_count(&d, SEV_ERROR) > 0 ||
		    (o.werror && diags_count(&d, SEV_WARNING) > 0);
		diags_free(&d);
		return first ? EXIT_ERR : EXIT_SUCCESS;
	}
	return finish_notes(&d, o.werror, 1);
}

/* gen init DIR: a new site. */
static int
cmd_init(int argc, char *argv[])
{
	struct opts	 o = { 0 };
	struct diags	 d = DIAGS_INIT;
	int		 first;

	if ((first = parse_opts(argc, argv, &o)) == -1 || argc - first != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (init_site(argv[first], &d) == 0)
		fprintf(stderr, "gen: a new site in %s: edit config.ini, put "
		    "documents in %s/content, then run gen build there\n",
		    argv[first], argv[first]);
	return finish(&d, 0);
}

/* ---- gen build, gen watch ---- */

static double
seconds(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The progress line: on a terminal, never in CI, after a second. */
struct progress {
	double	 start;
	double	 last;
	int	 shown;
};

static void
progress_cb(void *arg, const char *what, size_t done, size_t total)
{
	struct progress	*p = arg;
	double		 t = seconds();

	if (t - p->start < 1.0 || (t - p->last < 0.1 && done < total))
		return;
	p->last = t;
	p->shown = 1;
	fprintf(stderr, "\rgen: %s %zu/%zu\033[K", what, done, total);
	fflush(stderr);
}

static void
build_opts_init(struct build_opts *bo, const struct opts *o,
    struct progress *p)
{
	const char	*ci = getenv("CI");

	memset(bo, 0, sizeof(*bo));
	memset(p, 0, sizeof(*p));
	bo->jobs = o->jobs;
	bo->full = o->full;
	bo->depfile = o->depfile;
	bo->dep_target = o->dep_target;
	bo->keep_going = o->keep_going;
	if (isatty(STDERR_FILENO) && (ci == NULL || *ci == '\0')) {
		p->start = seconds();
		bo->progress = progress_cb;
		bo->arg = p;
	}
}

/* One build of gen build and gen watch with o's options: run it (a
 * progress line on a terminal, cleared after), then print its
 * diagnostics sorted.  build_update()'s result. */
static int
build_step(const struct config *cfg, const struct opts *o,
    struct progress *p, struct build_stats *st, struct diags *d)
{
	struct build_opts	 bo;
	int			 rc;

	build_opts_init(&bo, o, p);
	rc = build_update(cfg, &bo, st, d);
	if (p->shown)
		fputs("\r\033[K", stderr);
	diags_sort(d);
	diags_print(d, stderr);
	return rc;
}

/* The Pagefind program: $GEN_PAGEFIND, else [build] pagefind, else
 * node_modules/.bin/pagefind here, else pagefind on the PATH; NULL when
 * there is none. */
static char *
pagefind_path(const struct config *cfg)
{
	const char	*env = getenv("GEN_PAGEFIND");

	if (env != NULL && *env != '\0')
		return access(env, X_OK) == 0 ? xstrdup(env) : NULL;
	if (cfg->pagefind != NULL && cfg->pagefind[0] != '\0')
		return access(cfg->pagefind, X_OK) == 0 ?
		    xstrdup(cfg->pagefind) : NULL;
	if (access("node_modules/.bin/pagefind", X_OK) == 0)
		return xstrdup("node_modules/.bin/pagefind");
	return program_find("pagefind");
}

/* After a build that changed pages: the search index, through Pagefind
 * when it is there.  Return 0, or -1 when Pagefind failed. */
static int
search_index(const struct config *cfg, const struct opts *o,
    const struct build_stats *st)
{
	char	*pf;
	pid_t	 pid;
	int	 status;
	double	 t0 = seconds();

	if (o->no_search || st->mode == BUILD_NOTHING ||
	    (getenv("GEN_PAGEFIND") && strcmp(getenv("GEN_PAGEFIND"),
	    "off") == 0))
		return 0;
	if ((pf = pagefind_path(cfg)) == NULL) {
		fprintf(stderr, "gen: no search index: Pagefind %s (npm install "
		    "-g pagefind, or [build] pagefind = PATH; --no-search "
		    "skips it)\n", cfg->pagefind && cfg->pagefind[0] ?
		    "is not at [build] pagefind" : "was not found");
		return 0;
	}
	if ((pid = fork()) == 0) {
		execl(pf, pf, "--site", cfg->out_dir, "--quiet", (char *)NULL);
		_exit(127);
	}
	while (pid != -1 && waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			pid = -1;
			break;
		}
	if (pid == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "gen: %s failed: no search index\n", pf);
		free(pf);
		return -1;
	}
	mirror_accept(cfg);
	fprintf(stderr, "gen: search index by %s, %.2f s\n", pf,
	    seconds() - t0);
	free(pf);
	return 0;
}

/* One line on what a build did. */
static void
build_summary(const struct build_stats *st, double secs, int rc)
{
	if (rc == -1)
		fprintf(stderr, "gen: build failed after %.2f s; the site was "
		    "left as it was\n", secs);
	else if (st->mode == BUILD_NOTHING)
		fprintf(stderr, "gen: %zu documents, nothing changed, %.3f s\n",
		    st->ndocs, secs);
	else
		fprintf(stderr, "gen: %zu documents (%zu read), %zu files "
		    "written, %zu removed, %.3f s%s\n", st->ndocs, st->nparsed,
		    st->nwritten, st->nremoved, secs,
		    st->mode == BUILD_FULL ? " (full build)" : "");
}

static int
cmd_build(int argc, char *argv[])
{
	struct opts		 o = { 0 };
	struct config		 cfg;
	struct diags		 d = DIAGS_INIT;
	struct build_stats	 st;
	struct progress		 p;
	double			 t0 = seconds();
	int			 first, rc;

	if ((first = parse_opts(argc, argv, &o)) == -1 || first != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (load_config(&cfg, &o, &d) == -1) {
		config_free(&cfg);
		return finish(&d, 0);
	}
	rc = build_step(&cfg, &o, &p, &st, &d);
	/* An error replayed by a build that changed nothing fails it too
	 * (without --keep-going): say so, as a failed build does. */
	if (rc == 0 && !o.keep_going && diags_count(&d, SEV_ERROR) > 0)
		rc = -1;
	build_summary(&st, seconds() - t0, rc);
	if (rc == 0 && search_index(&cfg, &o, &st) == -1)
		diag_add(&d, "gen", 0, 0, SEV_ERROR, "search index failed");
	buf_free(&st.changed);
	config_free(&cfg);
	rc = diags_count(&d, SEV_ERROR) > 0 ? EXIT_ERR : EXIT_SUCCESS;
	diags_free(&d);
	return rc;
}

static volatile int watch_stop;

static void
on_stop(int sig)
{
	(void)sig;
	watch_stop = 1;
}

/* What changed, on one line: the first few names. */
static void
changed_line(const struct build_stats *st)
{
	const char	*s = buf_cstr(&st->changed), *nl;
	size_t		 shown = 0;

	while (*s != '\0' && shown < 3 && (nl = strchr(s, '\n')) != NULL) {
		fprintf(stderr, "%s%.*s", shown ? ", " : " ", (int)(nl - s), s);
		shown++;
		s = nl + 1;
	}
	if (st->nchanged > shown)
		fprintf(stderr, " and %zu more", st->nchanged - shown);
}

/* The diagnostics of d as text, for a browser (gen serve). */
static char *
diags_text(const struct diags *d)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f;

	if ((f = open_memstream(&text, &len)) == NULL)
		return xstrdup("build failed");
	diags_print(d, f);
	fclose(f);
	return text;
}

/* gen watch: build, then again after each change (debounced) until
 * SIGINT or SIGTERM.  gen serve (serve): the same, serving out/ on
 * 127.0.0.1 meanwhile; open pages reload after each build. */
static int
cmd_watch(int argc, char *argv[], int serve)
{
	struct opts		 o = { 0 };
	struct config		 cfg;
	struct diags		 d = DIAGS_INIT;
	struct build_stats	 st;
	struct progress		 p;
	struct sigaction	 sa;
	struct watch		*w;
	struct server		*srv = NULL;
	struct stat		 tst;
	double			 t0;
	char			*err;
	int			 opt, first, rc, failed = 0;
	int			 status = EXIT_SUCCESS;

	o.port = 8080;
	if ((opt = parse_opts(argc, argv, &o)) == -1 || opt != argc ||
	    o.depfile != NULL) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (load_config(&cfg, &o, &d) == -1 ||
	    config_folders_apart(&cfg, &d) == -1) {
		config_free(&cfg);
		return finish(&d, 0);
	}
	if ((w = watch_new()) == NULL) {
		fprintf(stderr, "gen: cannot watch files: %s\n",
		    strerror(errno));
		config_free(&cfg);
		diags_free(&d);
		return EXIT_ERR;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	watch_tree(w, cfg.content_dir, &d);
	/* A site may have no templates/ yet (the built-in ones only):
	 * watched by name, so one made later is seen and watched. */
	if (stat(cfg.templates_dir, &tst) == 0)
		watch_tree(w, cfg.templates_dir, &d);
	else
		watch_file(w, cfg.templates_dir, &d);
	if (cfg.path != NULL)
		watch_file(w, cfg.path, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	fprintf(stderr, "gen: watching %s, %s%s%s (Ctrl-C stops)\n",
	    cfg.content_dir, cfg.templates_dir, cfg.path ? ", " : "",
	    cfg.path ? cfg.path : "");
	for (first = 1;; first = 0) {
		t0 = seconds();
		rc = build_step(&cfg, &o, &p, &st, &d);
		if (serve && srv == NULL) {
			struct diags	 sd = DIAGS_INIT;

			if ((srv = server_start(cfg.out_dir, o.port,
			    &sd)) == NULL) {
				diags_print(&sd, stderr);
				diags_free(&sd);
				buf_free(&st.changed);
				diags_free(&d);
				status = EXIT_ERR;
				break;
			}
			fprintf(stderr, "gen: serving %s at "
			    "http://127.0.0.1:%d/ (Ctrl-C stops)\n",
			    cfg.out_dir, server_port(srv));
		}
		if (srv != NULL && rc == -1) {
			err = diags_text(&d);
			server_update(srv, err);
			free(err);
			failed = 1;
		} else if (srv != NULL && (first || failed ||
		    st.mode != BUILD_NOTHING)) {
			server_update(srv, NULL);
			failed = 0;
		}
		if (rc == -1)
			fprintf(stderr, "gen: build failed after %.0f ms; the "
			    "site was left as it was\n",
			    (seconds() - t0) * 1000);
		else if (st.mode == BUILD_NOTHING)
			fprintf(stderr, "gen: nothing changed (%.0f ms)\n",
			    (seconds() - t0) * 1000);
		else {
			fprintf(stderr, "gen: %s in %.0f ms: %zu files "
			    "written, %zu removed;", first ? "built" : "rebuilt",
			    (seconds() - t0) * 1000, st.nwritten, st.nremoved);
			if (st.mode == BUILD_FULL)
				fputs(" full build", stderr);
			else
				changed_line(&st);
			fputc('\n', stderr);
		}
		if (rc == 0)
			search_index(&cfg, &o, &st);
		fflush(stderr);
		buf_free(&st.changed);
		diags_free(&d);
		/* While waiting: the next build can be incremental. */
		mirror_ready(&cfg, &d);
		diags_free(&d);
		if ((rc = watch_wait(w, 100, &watch_stop)) != 1) {
			if (rc == -1) {
				fprintf(stderr, "gen: watching failed: %s\n",
				    strerror(errno));
				status = EXIT_ERR;
			}
			break;
		}
		/* New folders of content, changed templates: watch again. */
		watch_tree(w, cfg.content_dir, &d);
		if (stat(cfg.templates_dir, &tst) == 0)
			watch_tree(w, cfg.templates_dir, &d);
		diags_free(&d);
	}
	fputs(serve ? "gen: stopped serving\n" : "gen: stopped watching\n",
	    stderr);
	server_free(srv);
	watch_free(w);
	config_free(&cfg);
	return status;
}

/* gen print --pdf, after the HTML: the PDFs of list; messages on
 * stderr.  Return rc, or EXIT_ERR when a PDF was not made, or
 * EXIT_NOPDF when there is no WeasyPrint. */
static int
print_pdfs(const struct config *cfg, const char *list, int rc)
{
	struct pdf_stats	 st;
	struct diags		 d = DIAGS_INIT;
	double			 t0 = seconds();
	int			 r;

	r = pdf_make(cfg, list, &st, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	if (r == PDF_MISSING) {
		fprintf(stderr, "gen: no PDFs: WeasyPrint %s (apt install "
		    "weasyprint, or [print] weasyprint = PATH); the HTML is "
		    "in %s/print\n", getenv("GEN_WEASYPRINT") &&
		    *getenv("GEN_WEASYPRINT") ? "is not at $GEN_WEASYPRINT" :
		    cfg->weasyprint && cfg->weasyprint[0] ?
		    "is not at [print] weasyprint" : "was not found",
		    cfg->out_dir);
		return rc == EXIT_SUCCESS ? EXIT_NOPDF : rc;
	}
	if (st.made + st.failed > 0)
		fprintf(stderr, "gen: %zu PDF%s made by %s, %zu up to date%s, "
		    "%.2f s\n", st.made, st.made == 1 ? "" : "s", st.program,
		    st.kept, st.failed ? ", some not made" : "",
		    seconds() - t0);
	else
		fprintf(stderr, "gen: %zu PDF%s up to date\n", st.kept,
		    st.kept == 1 ? "" : "s");
	free(st.program);
	return r == -1 ? EXIT_ERR : rc;
}

/* gen print: the print editions of the content folder (or FILEs) into
 * OUT/print; stdout lists the HTML files to make PDFs of, or with --pdf
 * WeasyPrint makes them. */
static int
cmd_print(int argc, char *argv[])
{
	struct opts	 o = { 0 };
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 pdfs = BUF_INIT;
	struct doc	**docs;
	size_t		 n;
	int		 first, rc;

	if ((first = parse_opts(argc, argv, &o)) == -1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (load_config(&cfg, &o, &d) == -1) {
		config_free(&cfg);
		return finish(&d, 0);
	}
	docs = load_all(&cfg, argc - first, argv + first, 1, &n, &d);
	print_build(&cfg, docs, n, o.docs, &pdfs, &d);
	if (!o.pdf)
		out_put(buf_cstr(&pdfs), pdfs.len);
	free_all(docs, n);
	diags_sort(&d);
	/* On errors gen still wrote what it could: make those PDFs too. */
	rc = finish(&d, 0);
	if (o.pdf)
		rc = print_pdfs(&cfg, buf_cstr(&pdfs), rc);
	buf_free(&pdfs);
	config_free(&cfg);
	return rc;
}

/* gen render TEMPLATE [DATA.json]: partials are looked up beside the
 * template. */
static int
cmd_render(int argc, char *argv[])
{
	struct opts		 o = { 0 };
	struct config		 cfg;
	struct diags		 d = DIAGS_INIT;
	struct buf		 data = BUF_INIT, out = BUF_INIT;
	struct arena		 a = ARENA_INIT;
	struct mustache_set	*set;
	size_t			 max_output;
	const struct mustache	*t;
	const struct value	*ctx;
	char			*dir, *name, *slash, *dot, err[256];
	int			 first, rc = EXIT_SUCCESS;

	if ((first = parse_opts(argc, argv, &o)) == -1 ||
	    argc - first < 1 || argc - first > 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	/* Only -c FILE is read, for [limits] output. */
	config_defaults(&cfg);
	if (o.config != NULL && config_load(&cfg, o.config, &d) == -1) {
		config_free(&cfg);
		diags_print(&d, stderr);
		diags_free(&d);
		return EXIT_ERR;
	}
	max_output = cfg.max_output;
	config_free(&cfg);
	if (argc - first == 2) {
		if (file_read(argv[first + 1], &data) == -1) {
			fprintf(stderr, "%s: cannot read: %s\n",
			    argv[first + 1], strerror(errno));
			return EXIT_ERR;
		}
		ctx = json_parse(&a, buf_cstr(&data), data.len, err,
		    sizeof(err));
		if (ctx == NULL) {
			fprintf(stderr, "%s:%s\n", argv[first + 1], err);
			buf_free(&data);
			arena_free(&a);
			return EXIT_ERR;
		}
	} else
		ctx = value_obj(&a);
	dir = xstrdup(argv[first]);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		name = slash + 1;
	} else {
		name = dir;
		dir = xstrdup(".");
	}
	name = xstrdup(name);
	if ((dot = strrchr(name, '.')) != NULL &&
	    strcmp(dot, ".mustache") == 0)
		*dot = '\0';
	set = mustache_new(dir);
	mustache_strict(set, o.strict);
	mustache_limit(set, max_output);
	if ((t = mustache_get(set, name, &d)) == NULL ||
	    mustache_render(set, t, ctx, &out, &d) == -1)
		rc = EXIT_ERR;
	else
		out_put(buf_cstr(&out), out.len);
	mustache_free(set);
	free(dir);
	free(name);
	buf_free(&out);
	buf_free(&data);
	arena_free(&a);
	diags_print(&d, stderr);
	diags_free(&d);
	return rc;
}

/* Run the command of argv; return its exit status. */
static int
command(int argc, char *argv[])
{
	const char	*cmd;
	int		 i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		help();
		return EXIT_SUCCESS;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("gen %s\n", GEN_VERSION);
		return EXIT_SUCCESS;
	}
	/* gen COMMAND --help: the same help. */
	for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			help();
			return EXIT_SUCCESS;
		}
	if (strcmp(cmd, "build") == 0)
		return cmd_build(argc - 1, argv + 1);
	if (strcmp(cmd, "watch") == 0)
		return cmd_watch(argc - 1, argv + 1, 0);
	if (strcmp(cmd, "serve") == 0)
		return cmd_watch(argc - 1, argv + 1, 1);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(cmd, "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	if (strcmp(cmd, "print") == 0)
		return cmd_print(argc - 1, argv + 1);
	if (strcmp(cmd, "dump") == 0)
		return cmd_dump(argc - 1, argv + 1);
	if (strcmp(cmd, "render") == 0)
		return cmd_render(argc - 1, argv + 1);
	fprintf(stderr, "gen: unknown command \"%s\"\n", cmd);
	usage(stderr);
	return EXIT_USAGE;
}

int
main(int argc, char *argv[])
{
	return out_close(command(argc, argv));
}
