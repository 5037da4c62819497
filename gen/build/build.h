/*
 * build.h — the build layer: gen build and gen watch (plan, manifest,
 * pack, mirror, publish, watch).  What main.c uses; the rest is in
 * build_int.h.
 */
#ifndef GEN_BUILD_H
#define GEN_BUILD_H

#include "core/core.h"

/* ------------------------------------------------------------------ */
/* build.c — gen build: parallel, incremental, atomic                  */
/* ------------------------------------------------------------------ */

struct build_opts {
	int		 jobs;		/* threads; 0: $GEN_JOBS, else the CPUs */
	int		 full;		/* ignore the manifest: build it all */
	const char	*depfile;	/* write a make rule of the inputs here */
	const char	*dep_target;	/* its target (NULL: the depfile) */
	/* A document with an error does not stop the build: the rest is
	 * published, the document's last good version kept. */
	int		 keep_going;
	/* Called from the calling thread now and then while documents or
	 * pages are worked on (may be NULL). */
	void		(*progress)(void *arg, const char *what, size_t done,
			    size_t total);
	void		*arg;
};

enum build_mode {
	BUILD_NOTHING,		/* nothing changed: nothing written */
	BUILD_INCREMENTAL,	/* what changed, from the manifest */
	BUILD_FULL,		/* from scratch */
};

struct build_stats {
	enum build_mode	 mode;
	size_t		 ndocs;		/* documents in the site */
	size_t		 nparsed;	/* documents read and parsed */
	size_t		 nchanged;	/* inputs added, changed or removed */
	size_t		 nwritten;	/* files written */
	size_t		 nremoved;	/* files removed */
	size_t		 nrelated;	/* units whose related items were
					 * found (the rest: the last build's) */
	struct buf	 changed;	/* "PATH\n" per input that changed
					 * (the first 20); buf_free() it */
};

/* The content files under top, the walk every command shares
 * (files_scan: .txt .md .markdown, dot entries skipped, links to folders
 * not followed), sorted, each passed to fn(arg, path) (path owned by
 * fn).  Return 0, or -1 after adding an error for a folder that cannot
 * be read (the rest is still listed). */
int	 content_files(const char *top, void (*fn)(void *, char *),
	    void *arg, struct diags *d);
/* Are cfg's content, templates and output folders apart (by real
 * path)?  0, or -1 after adding an error naming both of a pair. */
int	 config_folders_apart(const struct config *, struct diags *d);
/*
 * Build the site of the content folder into cfg->out_dir.  The first
 * build renders everything into a fresh sibling OUT.tmp.PID and swaps
 * it into place.  Later builds read OUT/.gen-manifest: when no input
 * changed (stat data, then content hashes) nothing is written; else
 * only documents that changed are read and parsed, and only pages whose
 * key changed are rendered, into a hidden sibling .OUT.gen-shadow that
 * mirrors OUT with hard links; it is exchanged with OUT in one step
 * (renameat2), so OUT is always a whole site: the previous one, or the
 * new one.  A new configuration, template, asset or version of gen
 * means a full build.  OUT/print and OUT/pagefind (gen print's and
 * Pagefind's) are kept.  Diagnostics of documents that were not read
 * again come from the manifest, so every build reports the same.
 * Return 0, or -1 after adding errors to d (OUT is then as it was).
 */
int	 build_update(const struct config *, const struct build_opts *,
	    struct build_stats *, struct diags *d);

/* Make the next build_update() of cfg's site incremental at once: mirror
 * out/ into its hidden sibling unless it is already (for gen watch,
 * between builds).  Return 0, or -1 after adding an error to d. */
int	 mirror_ready(const struct config *, struct diags *d);
/* After adding the search index to out/ (kept by builds): the next
 * build is not to take out/ for edited by hand. */
void	 mirror_accept(const struct config *);

/* publish.c: remove path and all under it (symbolic links are removed,
 * not followed).  Return 0, or -1 after adding an error to d. */
int	 tree_remove(const char *path, struct diags *d);

/* ------------------------------------------------------------------ */
/* serve.c — gen serve's HTTP side (libmicrohttpd)                     */
/* ------------------------------------------------------------------ */

struct server;

/* Serve the folder root on 127.0.0.1:port (0: any free port): its
 * files, with a script in each HTML page that reloads it after a build
 * or shows a failed build's message.  Return NULL after adding an
 * error to d. */
struct server	*server_start(const char *root, int port, struct diags *d);
/* The port served on. */
int		 server_port(const struct server *);
/* A build ended: a new site (error NULL), or the message of a failed
 * one (the site served is then the last good one). */
void		 server_update(struct server *, const char *error);
void		 server_free(struct server *);

/* ------------------------------------------------------------------ */
/* init.c — gen init                                                   */
/* ------------------------------------------------------------------ */

/* Write a new site into dir (absent or empty): config.ini, one example
 * document, .gitignore, README.md, a GitHub Actions workflow.  Return
 * 0, or -1 after adding an error to d. */
int	 init_site(const char *dir, struct diags *d);

/* ------------------------------------------------------------------ */
/* watch.c — waiting for the inputs to change (inotify)                */
/* ------------------------------------------------------------------ */

struct watch;

/* A new watcher, or NULL (errno set) when the system has none. */
struct watch	*watch_new(void);
/* Watch the folder top and every folder under it (new ones too).
 * Return 0, or -1 after adding an error to d. */
int		 watch_tree(struct watch *, const char *top, struct diags *d);
/* Watch the file path (through its folder, so that a replaced file is
 * still seen).  Return 0, or -1 after adding an error to d. */
int		 watch_file(struct watch *, const char *path, struct diags *d);
/* Wait until something watched changes, then until quiet_ms pass
 * without another change.  Return 1 after a change, 0 when *stop was
 * set (by a signal handler), -1 on an error (errno set). */
int		 watch_wait(struct watch *, int quiet_ms,
		    volatile int *stop);
void		 watch_free(struct watch *);

/* ------------------------------------------------------------------ */
/* pdf.c — gen print --pdf: PDFs by WeasyPrint                         */
/* ------------------------------------------------------------------ */

struct pdf_stats {
	char	*program;	/* the WeasyPrint run (free it), or NULL */
	size_t	 made;		/* PDFs made */
	size_t	 kept;		/* PDFs up to date, not made again */
	size_t	 failed;	/* PDFs WeasyPrint could not make */
};

/* pdf_make(): WeasyPrint was needed and not found. */
#define PDF_MISSING	(-2)

/* The executable file path (with a '/'), or the one of that name on
 * the PATH; NULL when there is none. */
char	*program_find(const char *path);
/* The WeasyPrint program of cfg: $GEN_WEASYPRINT, else [print]
 * weasyprint, else weasyprint on the PATH; NULL when there is none. */
char	*pdf_program(const struct config *);
/* Make the PDF of each HTML file of list ("PATH\n" each, as
 * print_build() lists them) that is missing or not newer than its HTML
 * or the print.css beside it, with WeasyPrint (pdf.c says how).
 * Return 0; PDF_MISSING when a PDF is to be made and there is no
 * WeasyPrint (nothing made); or -1 after adding errors to d (a PDF not
 * made).  Free st->program. */
int	 pdf_make(const struct config *, const char *list,
	    struct pdf_stats *, struct diags *d);

#endif /* GEN_BUILD_H */
