/*
 * build.c — gen build: every document read once, in parallel, reduced
 * to its summary and freed; then the pages whose keys changed rendered
 * in parallel; then one atomic publish.
 *
 * The plan (struct plan) says what a build does, as data: plan() the
 * kind of build from the manifest, the files and out/; plan_read() the
 * documents to read; plan_fast() whether only their pages can change;
 * plan_docs() and plan_pages() the pages to render, once the model
 * holds the keys.  The passes run over its lists.
 *
 * Passes (each spread over the threads, each thread with its own
 * buffers, diagnostics kept per document and merged in order, so the
 * output is the same whatever the number of threads):
 *   check    stat the inputs against the manifest (the manifest's
 *            list when no content folder's mtime moved, else the
 *            folders read); hash what moved (plan())
 *   read     read, parse, summarise the documents to (re)read; write
 *            their JSON and source copies; pack the tree to a scratch
 *            file (the page needs the whole site first)
 *   model    site_new() over every summary (from the manifest for the
 *            documents not read); when no summary changed, only what
 *            the pages of the documents read need
 *   pages    documents' pages, then the pages across documents, each
 *            only when its key changed
 *   publish  full: swap the fresh folder in; incremental: exchange the
 *            mirror with out/, then bring the mirror up to date
 */
#include <sys/stat.h>

#include <errno.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build/build_int.h"

#define MANIFEST_NAME	".gen-manifest"
#define SUMS_NAME	".gen-summaries"
#define RACY_NS		2000000000LL	/* stat data this fresh is not trusted */
#define CHANGED_SHOWN	20
#define TRACK_TREES	16	/* trees a page across documents reads */

/* Folders of other tools that a build keeps in out/. */
static const char *const keep_dirs[] = { "print", "pagefind", NULL };

/* One content file. */
/* A document's outputs: its page, its JSON, its source as published
 * (the raw bytes), its source page (src/SLUG.html, the decoded text
 * with line anchors) and its key figures as CSV (SLUG.figures.csv,
 * docs/figures.md), in this order in the manifest. */
enum { O_HTML, O_JSON, O_SRC, O_SRCPAGE, O_CSV, O_N };

struct input {
	const struct finfo	*f;
	const struct mdoc	*old;	/* its record in the manifest */
	uint64_t		 hash;
	int			 changed; /* new, or its content changed */
	int			 parse;	/* to be read in this build */
	int			 ok;	/* it has a summary */
	const char		*slug;
	const char		*slug_base; /* the slug it wanted, if renamed */
	struct doc		*doc;	/* build_docs(): loaded by the caller */
	struct summary		 sum;
	struct diags		 pd;	/* reading and parsing */
	struct diags		 gd;	/* rendering its page */
	int			 parse_done; /* pd holds this build's */
	int			 page_done; /* gd holds this build's */
	int			 packw;	/* scratch file (worker) of its tree */
	uint64_t		 packoff;
	size_t			 packlen;
	size_t			 sidx;	/* its index in the model */
	const char		*oname[O_N]; /* html, json, src, src page,
					 * figures CSV */
	size_t			 oidx;	/* its first output in b->outs */
	uint64_t		 okey[O_N];
	unsigned char		 redo[O_N]; /* page pass: its pages to render */
};


struct worker {
	int		 id;
	struct build	*b;
	struct buf	 raw;
	struct buf	 out;
	struct buf	 path;
	struct arena	 a;		/* summaries: live until the end */
	int		 scratch;	/* fd, or -1 */
	uint64_t	 scratch_len;
	struct diags	 d;		/* errors of files */
	size_t		 nwritten;
};

/* What a build does.  The flags are known before anything is read
 * (plan()), but for fast (after reading) and mode, which becomes
 * BUILD_FULL when the rest of the manifest cannot be read; the lists
 * are indices into b->in (read, docs) and the site's pages (pages). */
struct plan {
	enum build_mode	 mode;		/* nothing, incremental or full */
	int		 have_old;	/* the manifest is used (b->old) */
	int		 sameset;	/* the documents of the last build */
	int		 touched;	/* out/ changed by another hand */
	int		 scan_failed;	/* a content folder unread */
	int		 fast;		/* no summary changed: only the
					 * pages of the documents read */
	size_t		*read;		/* documents to read */
	size_t		 nread;
	size_t		*docs;		/* documents whose pages to render */
	size_t		 ndocs;
	size_t		*pages;		/* the site's pages to render */
	size_t		 npages;
};

/* The rest of the manifest (outputs, groups, summaries): read on a
 * thread of its own once something changed, while the build gets
 * ready. */
struct more {
	struct manifest	*m;
	const char	*sums;
	int		 rc;
	pthread_t	 th;
	int		 started;
};

struct build {
	const struct config	*cfg;
	const struct build_opts	*opts;
	struct build_stats	*st;
	struct diags		*d;
	struct arena		 a;
	struct outdir		 od;		/* out/, its lock and siblings */
	const char		*dest;		/* stage or shadow */
	struct plan		 plan;
	struct more		 more;
	int64_t			 start_ns;
	struct manifest		 old;		/* when plan.have_old */
	uint64_t		 env;
	struct flist		 files, dirs, tpl, tdirs;
	struct mfile		*tplf;		/* tpl with hashes */
	struct input		*in;
	size_t			 nin;
	struct diags		 sited;		/* slugs and model */
	struct mustache_set	*ms;
	struct site		*site;
	size_t			*oldmap;	/* open addressing: old outs */
	size_t			 oldcap;	/* (made when first needed) */
	pthread_mutex_t		 maplock;
	atomic_int		 mapped;
	unsigned char		*oldseen;
	uint64_t		*pagekey;	/* per site page */
	uint64_t		*trackkey;	/* per page across documents */
	size_t			*bysidx;	/* the input of each model doc */
	struct diags		*paged;		/* per site page */
	struct mout		*outs;
	size_t			 nouts, capouts;
	const char		**odirs;	/* folders of the outputs */
	size_t			 nodirs;
	unsigned char		*oldmissing;	/* not in out/ any more */
	struct worker		*w;
	int			 nw;
	atomic_int		 failed;
};

/* Is b a build from scratch? */
static int
is_full(const struct build *b)
{
	return b->plan.mode == BUILD_FULL;
}

/* ---- Small helpers ---- */

static int64_t
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
jobs_wanted(const struct build_opts *o)
{
	const char	*e = getenv("GEN_JOBS");
	long		 n = o && o->jobs > 0 ? o->jobs : 0;

	if (n == 0 && e != NULL && *e != '\0')
		n = strtol(e, NULL, 10);
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > POOL_MAX ? POOL_MAX : (int)n;
}

static void
changed_note(struct build *b, const char *path)
{
	b->st->nchanged++;
	if (b->st->nchanged <= CHANGED_SHOWN)
		buf_printf(&b->st->changed, "%s\n", path);
}

/* The mtime to record of stat data read now: -1 (hash the file next
 * time) when it is too fresh to be trusted. */
static int64_t
trusted_mtime(const struct build *b, int64_t mtime)
{
	return mtime > b->start_ns - RACY_NS ? -1 : mtime;
}

/* ---- Threads ---- */

typedef void (*item_fn)(struct worker *, size_t item);

struct pass {
	struct build	*b;
	item_fn		 fn;
};

static void
pass_item(void *arg, int worker, size_t item)
{
	struct pass	*p = arg;

	p->fn(&p->b->w[worker], item);
}

static int
pass_stopped(void *arg)
{
	return atomic_load(&((struct pass *)arg)->b->failed);
}

/* Run fn over items[0..n) (or 0..n-1) with the workers.  Return 0, or
 * -1 when an item failed. */
static int
pass_run(struct build *b, const char *what, item_fn fn, const size_t *items,
    size_t n)
{
	struct pass	 p = { b, fn };
	struct pool_job	 j;

	memset(&j, 0, sizeof(j));
	j.fn = pass_item;
	j.arg = &p;
	j.items = items;
	j.n = n;
	j.threads = b->nw;
	j.stopped = pass_stopped;
	j.what = what;
	if (b->opts != NULL) {
		j.progress = b->opts->progress;
		j.parg = b->opts->arg;
	}
	pool_run(&j);
	return atomic_load(&b->failed) ? -1 : 0;
}

/* ---- Writing outputs ---- */

/* A page is flushed to its file each time this much of it is made. */
#define OUT_FLUSH_AT	(64 * 1024)

/* An output file written in pieces: out_open(), out_put() (or a
 * mustache_sink of out_flush()), out_close(). */
struct out_file {
	struct worker	*w;
	struct buf	 path;		/* DEST/rel */
	struct buf	 tmp;		/* what is written: path, or
					 * path.tmp.PID in the mirror */
	int		 fd;		/* or -1 */
	int		 failed;	/* an error was reported */
};

/* Report that f cannot be written (errno) on w->d; fail the build. */
static int
out_fail(struct out_file *f)
{
	if (!f->failed) {
		diag_add(&f->w->d, f->path.data, 0, 0, SEV_ERROR,
		    "cannot write: %s", strerror(errno));
		atomic_store(&f->w->b->failed, 1);
	}
	f->failed = 1;
	return -1;
}

/* Open DEST/rel into f: in a fresh folder straight, in the mirror
 * through a new file that out_close() renames over the old one (which
 * out/ shares), so no reader sees half of it.  Return 0, or -1 after
 * adding an error to w->d (f is then closed). */
static int
out_open(struct worker *w, struct out_file *f, const char *rel)
{
	char	*slash;
	int	 rc;

	memset(f, 0, sizeof(*f));
	f->w = w;
	buf_printf(&f->path, "%s/%s", w->b->dest, rel);
	if (is_full(w->b))
		buf_puts(&f->tmp, f->path.data);
	else
		buf_printf(&f->tmp, "%s.tmp.%ld", f->path.data,
		    (long)getpid());
	f->fd = open(f->tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644);
	if (f->fd == -1 && errno == ENOENT) {
		/* A folder the site did not have yet. */
		slash = strrchr(f->tmp.data, '/');
		*slash = '\0';
		rc = mkdir_p(f->tmp.data);
		*slash = '/';
		if (rc == 0)
			f->fd = open(f->tmp.data, O_WRONLY | O_CREAT | O_TRUNC |
			    O_CLOEXEC, 0644);
	}
	if (f->fd == -1) {
		out_fail(f);
		buf_free(&f->path);
		buf_free(&f->tmp);
		return -1;
	}
	return 0;
}

/* Append data[0..len) to f.  Return 0, or -1 after an error (reported
 * once). */
static int
out_put(struct out_file *f, const char *data, size_t len)
{
	ssize_t	 n;

	if (f->failed)
		return -1;
	while (len > 0) {
		if ((n = write(f->fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			return out_fail(f);
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* mustache_sink: a piece of a page to its out_file. */
static int
out_flush(void *arg, const char *data, size_t len)
{
	return out_put(arg, data, len);
}

/* Finish f: when ok (all of it made) and all of it written, close it
 * (and rename it into place), else remove it.  Return 0, or -1 when it
 * is not there (an error reported when it could not be written). */
static int
out_close(struct out_file *f, int ok)
{
	int	 rc = ok && !f->failed ? 0 : -1;

	if (close(f->fd) == -1 && rc == 0)
		rc = out_fail(f);
	if (rc == 0 && !is_full(f->w->b) &&
	    rename(f->tmp.data, f->path.data) == -1)
		rc = out_fail(f);
	if (rc == -1)
		unlink(f->tmp.data);
	else
		f->w->nwritten++;
	buf_free(&f->path);
	buf_free(&f->tmp);
	return rc;
}

/* Write data[0..len) to DEST/rel: in a fresh folder straight, in the
 * mirror through a new file renamed over the old one (which out/
 * shares); when they are the bytes read from the file from (else NULL),
 * copied from it in the kernel where it can (file_copy()).  Return 0,
 * or -1 after adding an error to w->d. */
static int
out_copy(struct worker *w, const char *rel, const char *from,
    const char *data, size_t len)
{
	struct build	*b = w->b;
	char		*slash;
	int		 rc;

	buf_reset(&w->path);
	buf_printf(&w->path, "%s/%s", b->dest, rel);
	if (data == NULL)
		data = "";
	rc = file_copy(from, w->path.data, data, len, !is_full(b));
	if (rc == -1 && errno == ENOENT) {
		/* A folder the site did not have yet. */
		slash = strrchr(w->path.data, '/');
		*slash = '\0';
		rc = mkdir_p(w->path.data);
		*slash = '/';
		if (rc == 0)
			rc = file_copy(from, w->path.data, data, len,
			    !is_full(b));
	}
	if (rc == -1) {
		diag_add(&w->d, w->path.data, 0, 0, SEV_ERROR,
		    "cannot write: %s", strerror(errno));
		atomic_store(&b->failed, 1);
		return -1;
	}
	w->nwritten++;
	return 0;
}

/* out_copy() of bytes that come from no file. */
static int
out_write(struct worker *w, const char *rel, const char *data, size_t len)
{
	return out_copy(w, rel, NULL, data, len);
}

static void	oldmap_need(struct build *);

/* The key the previous build gave output path, or 0 (none); marks it
 * as still there. */
static uint64_t
old_key(struct build *b, const char *path)
{
	size_t	 i, k;

	oldmap_need(b);
	if (b->oldcap == 0)
		return 0;
	i = (size_t)hash64(path, strlen(path), 7) & (b->oldcap - 1);
	while ((k = b->oldmap[i]) != 0) {
		if (strcmp(b->old.outs[k - 1].path, path) == 0) {
			b->oldseen[k - 1] = 1;
			return b->old.outs[k - 1].key;
		}
		i = (i + 1) & (b->oldcap - 1);
	}
	return 0;
}

/* The index of output path in the previous build's table, or
 * (size_t)-1. */
static size_t
old_index(struct build *b, const char *path)
{
	size_t	 i, k;

	oldmap_need(b);
	if (b->oldcap == 0)
		return (size_t)-1;
	i = (size_t)hash64(path, strlen(path), 7) & (b->oldcap - 1);
	while ((k = b->oldmap[i]) != 0) {
		if (strcmp(b->old.outs[k - 1].path, path) == 0)
			return k - 1;
		i = (i + 1) & (b->oldcap - 1);
	}
	return (size_t)-1;
}

static void
oldmap_build(struct build *b)
{
	size_t	 i, j;

	if (!b->plan.have_old)
		return;
	for (b->oldcap = 64; b->oldcap < b->old.nouts * 2; b->oldcap *= 2)
		continue;
	b->oldmap = xcalloc(b->oldcap, sizeof(*b->oldmap));
	for (i = 0; i < b->old.nouts; i++) {
		j = (size_t)hash64(b->old.outs[i].path,
		    strlen(b->old.outs[i].path), 7) & (b->oldcap - 1);
		while (b->oldmap[j] != 0)
			j = (j + 1) & (b->oldcap - 1);
		b->oldmap[j] = i + 1;
	}
}

/* The table of the previous build's outputs, made by the first thread
 * that needs it (a build that only renders documents' own pages finds
 * their outputs where the manifest says, and never does). */
static void
oldmap_need(struct build *b)
{
	if (!b->plan.have_old || atomic_load(&b->mapped))
		return;
	pthread_mutex_lock(&b->maplock);
	if (!atomic_load(&b->mapped)) {
		oldmap_build(b);
		atomic_store(&b->mapped, 1);
	}
	pthread_mutex_unlock(&b->maplock);
}

/* The index of document in's output o in the previous build's table,
 * or (size_t)-1: where the manifest says its outputs begin, else looked
 * up. */
static size_t
old_doc_index(struct build *b, const struct input *in, int o)
{
	size_t	 j;

	if (b->plan.have_old && in->old != NULL &&
	    in->old->oidx != MOUT_NONE &&
	    (j = in->old->oidx + (size_t)o) < b->old.nouts &&
	    strcmp(b->old.outs[j].path, in->oname[o]) == 0)
		return j;
	return old_index(b, in->oname[o]);
}

/* Does document in's output o need writing (its key in->okey[o])?
 * Marks the old one as still there. */
static int
stale_doc(struct build *b, const struct input *in, int o)
{
	size_t	 j;

	if (is_full(b) || (j = old_doc_index(b, in, o)) == (size_t)-1)
		return 1;
	b->oldseen[j] = 1;
	return b->old.outs[j].key == 0 || b->old.outs[j].key != in->okey[o];
}

/* Does output path, whose key is now key, need writing?  (Always in a
 * full build; a key of 0 never matches.) */
static int
stale(struct build *b, const char *path, uint64_t key)
{
	uint64_t	 k = old_key(b, path);

	return is_full(b) || k == 0 || k != key;
}

/* Forget the key of old output i: it must be written again. */
static void
old_forget(struct build *b, size_t i)
{
	b->old.outs[i].key = 0;
}

/* Add path to the outputs of this build; mark tells that stale() has
 * not seen it. */
static void
out_add(struct build *b, const char *path, uint64_t key, int mark)
{
	if (b->nouts == b->capouts) {
		b->capouts = b->capouts ? b->capouts * 2 : 1024;
		b->outs = xreallocarray(b->outs, b->capouts, sizeof(*b->outs));
	}
	b->outs[b->nouts].path = path;
	b->outs[b->nouts++].key = key ? key : 1;
	if (mark)
		old_key(b, path);
}

/* ---- Keys of a document's own files ---- */

static const char *
out_name(struct build *b, struct input *in, int o)
{
	static const char *const ext[] = { ".html", ".json", NULL, NULL,
	    ".figures.csv" };
	size_t	 n;
	char	*p;

	if (o == O_SRC || o == O_SRCPAGE)
		return summary_src_path(&b->a, in->slug, in->f->path,
		    o == O_SRCPAGE);
	n = strlen(in->slug);
	p = arena_alloc(&b->a, n + strlen(ext[o]) + 1);
	memcpy(p, in->slug, n);
	memcpy(p + n, ext[o], strlen(ext[o]) + 1);
	return p;
}

static uint64_t
file_key(const struct input *in, int o)
{
	struct hasher	 h = { 0x66696c65 };

	hasher_u64(&h, (uint64_t)o);
	hasher_u64(&h, in->hash);
	if (o == O_JSON)
		hasher_str(&h, in->f->path);
	return h.h;
}

/* ---- Scratch files: trees between reading and rendering ---- */

static int
scratch_open(struct worker *w)
{
	struct buf	 p = BUF_INIT;
	int		 fd;

#ifdef O_TMPFILE
	fd = open(w->b->od.parent, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd != -1)
		return fd;
#endif
	buf_printf(&p, "%s/.gen-scratch.XXXXXX", w->b->od.parent);
	if ((fd = mkstemp(p.data)) != -1)
		unlink(p.data);
	buf_free(&p);
	return fd;
}

/* doc_pack_put()'s put: data[0..len) at the end of w's scratch file.
 * Return 0, or -1 with errno. */
static int
scratch_append(void *arg, const char *p, size_t len)
{
	struct worker	*w = arg;
	ssize_t		 n;

	while (len > 0) {
		if ((n = pwrite(w->scratch, p, len,
		    (off_t)w->scratch_len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		w->scratch_len += (uint64_t)n;
	}
	return 0;
}

/* Keep the tree doc of in packed in w's scratch file, written as it is
 * packed (through w->out). */
static int
scratch_put(struct worker *w, struct input *in, const struct doc *doc)
{
	if (w->scratch == -1 && (w->scratch = scratch_open(w)) == -1)
		goto fail;
	in->packw = w->id;
	in->packoff = w->scratch_len;
	buf_reset(&w->out);
	if (doc_pack_put(doc, &w->out, scratch_append, w) == -1)
		goto fail;
	in->packlen = (size_t)(w->scratch_len - in->packoff);
	return 0;
fail:
	diag_add(&w->d, w->b->od.parent, 0, 0, SEV_ERROR, "cannot write a "
	    "scratch file: %s", strerror(errno));
	atomic_store(&w->b->failed, 1);
	in->packlen = 0;
	return -1;
}

/* The tree of in back from the scratch file of the worker that read
 * it (a window at a time: doc_unpack_file()), or NULL after adding an
 * error. */
static struct doc *
scratch_get(struct worker *w, struct input *in)
{
	struct doc	*doc;

	if ((doc = doc_unpack_file(in->f->path, w->b->w[in->packw].scratch,
	    in->packoff, in->packlen)) == NULL) {
		diag_add(&w->d, in->f->path, 0, 0, SEV_ERROR,
		    "internal error: its tree could not be read back");
		atomic_store(&w->b->failed, 1);
		return NULL;
	}
	return doc;
}

/* ---- Reading documents ---- */

/* The document of in parsed from its file, its hash set; NULL when it
 * cannot be read or decoded (errors added to d). */
static struct doc *
read_doc(struct worker *w, struct input *in, struct diags *d)
{
	buf_reset(&w->raw);
	if (doc_read(in->f->path, w->b->cfg, &w->raw, d) == -1)
		return NULL;
	in->hash = hash64(buf_cstr(&w->raw), w->raw.len, 0);
	return doc_parse(in->f->path, buf_cstr(&w->raw), w->raw.len,
	    w->b->cfg, d);
}

/* The JSON of a document on its way to its file (doc_json_put()). */
struct json_out {
	struct out_file	*f;
	int		 first;		/* its "{" is still to drop */
};

/* doc_json_put()'s put: a piece of the JSON to its file, without the
 * first "{" (the counts came before the document's members). */
static void
json_put(void *arg, const char *s, size_t len)
{
	struct json_out	*j = arg;

	if (j->first && len > 0) {
		s++;
		len--;
		j->first = 0;
	}
	out_put(j->f, s, len);
}

/* A worker keeps a buffer of the bytes of a file up to this size for
 * the next file; a bigger one is freed when done with (raw_drop()). */
#define RAW_KEEP	(1024 * 1024)

/* Free w->raw when it is big: a big document's bytes are not held
 * beside its tree longer than they are needed. */
static void
raw_drop(struct worker *w)
{
	if (w->raw.cap > RAW_KEEP)
		buf_free(&w->raw);
}

/* The source copy of in, whose bytes are w->raw, read from the file
 * from (NULL: not from a file of its own). */
static int
src_copy(struct worker *w, struct input *in, const char *from)
{
	if (stale_doc(w->b, in, O_SRC) && out_copy(w, in->oname[O_SRC],
	    from, w->raw.data, w->raw.len) == -1)
		return -1;
	return 0;
}

/* The key figures' CSV of in, whose tree is doc.  Its JSON waits for
 * the page pass (doc_json_file()): it carries related items. */
static int
doc_files(struct worker *w, struct input *in, const struct doc *doc)
{
	struct build	*b = w->b;

	/* The CSV's key is its bytes: an edit that leaves the figures as
	 * they were does not write it again. */
	buf_reset(&w->out);
	figures_csv(doc, &w->out);
	in->okey[O_CSV] = hash64(w->out.data, w->out.len, 0x637376) | 1;
	if (stale_doc(b, in, O_CSV) && out_write(w, in->oname[O_CSV],
	    w->out.data, w->out.len) == -1)
		return -1;
	return 0;
}

/* Page pass: in's JSON file, its tree doc (anchored) with its counts
 * first and its related items: "{" counts "," …, written as it is
 * made (site_doc_json()). */
static int
doc_json_file(struct worker *w, struct input *in, const struct doc *doc)
{
	struct out_file	 f;
	struct json_out	 j = { &f, 1 };

	if (out_open(w, &f, in->oname[O_JSON]) == -1)
		return -1;
	buf_reset(&w->out);
	buf_putc(&w->out, '{');
	counts_json(&in->sum.counts, &w->out);
	buf_putc(&w->out, ',');
	out_put(&f, w->out.data, w->out.len);
	site_doc_json(w->b->site, in->sidx, doc, json_put, &j);
	return out_close(&f, 1);
}

/* --keep-going: the document of in from the source copy the last
 * build published (out/src/SLUG.EXT) into w->raw, under its own path;
 * NULL when there is none or it does not parse either. */
static struct doc *
read_last_good(struct worker *w, struct input *in)
{
	struct build	*b = w->b;
	struct diags	 quiet = DIAGS_INIT;
	struct doc	*doc;
	struct arena	 a = ARENA_INIT;
	const char	*path;

	if (b->opts == NULL || !b->opts->keep_going || in->old == NULL ||
	    !in->old->ok || in->old->slug == NULL)
		return NULL;
	path = arena_printf(&a, "%s/%s", b->od.out, summary_src_path(&a,
	    in->old->slug, in->f->path, 0));
	buf_reset(&w->raw);
	doc = file_read(path, &w->raw) == -1 ? NULL : doc_parse(in->f->path,
	    buf_cstr(&w->raw), w->raw.len, b->cfg, &quiet);
	if (doc != NULL && diags_count(&quiet, SEV_ERROR) > 0) {
		doc_free(doc);
		doc = NULL;
	}
	diags_free(&quiet);
	arena_free(&a);
	return doc;
}

/* Read pass: one document. */
static void
read_one(struct worker *w, size_t i)
{
	struct build	*b = w->b;
	struct input	*in = &b->in[i];
	struct anchors	 an = ANCHORS_INIT;
	struct doc	*doc, *kept;
	const char	*from = in->f->path;	/* where w->raw was read */
	int		 copied;

	diags_free(&in->pd);
	in->parse_done = 1;
	if (in->doc != NULL) {
		doc = in->doc;
		from = doc->source;
		buf_reset(&w->raw);
		if (doc_read(doc->source, b->cfg, &w->raw, &in->pd) == -1) {
			atomic_store(&b->failed, 1);
			return;
		}
	} else if ((doc = read_doc(w, in, &in->pd)) == NULL ||
	    diags_count(&in->pd, SEV_ERROR) > 0) {
		/* --keep-going: the version published before stays. */
		if ((kept = read_last_good(w, in)) != NULL) {
			doc_free(doc);
			doc = kept;
			from = NULL;
			diag_add(&in->pd, in->f->path, 0, 0, SEV_WARNING,
			    "--keep-going: its last good version stays "
			    "published until the errors are fixed");
		} else if (doc == NULL) {
			in->ok = 0;
			return;
		}
		/* Else no good version: what the parser kept of it is
		 * published under --keep-going (the build fails without). */
	}
	/* A draft is not published (unless --drafts): no files. */
	if (!b->cfg->drafts && front_draft(doc)) {
		in->ok = 0;
		if (in->doc == NULL)
			doc_free(doc);
		return;
	}
	in->ok = 1;
	in->okey[O_SRC] = file_key(in, O_SRC);
	/* The source copy first, so that a big file's bytes are gone
	 * before its ids are made (the read pass's peak of memory). */
	copied = src_copy(w, in, from) == 0;
	raw_drop(w);
	anchors_build(&an, doc);
	summary_make(&in->sum, &w->a, doc, &an);
	in->sum.source = in->f->path;
	if (copied && doc_files(w, in, doc) == 0 && in->doc == NULL)
		scratch_put(w, in, doc);
	anchors_free(&an);
	if (in->doc == NULL)
		doc_free(doc);
}

/* ---- Pages ---- */

/* Page pass: the source page of one document, from the source copy
 * this build publishes (out/src/SLUG.EXT, the same bytes), decoded as
 * it was read.  Its messages go to the worker's. */
static void
src_page_one(struct worker *w, struct input *in)
{
	struct build	*b = w->b;
	struct buf	 u = BUF_INIT;
	const char	*enc = NULL;
	struct out_file	 f;
	struct mustache_sink sink = { out_flush, NULL, OUT_FLUSH_AT };
	int		 rc;

	buf_reset(&w->path);
	buf_printf(&w->path, "%s/%s", b->dest, in->oname[O_SRC]);
	buf_reset(&w->raw);
	if (file_read(w->path.data, &w->raw) == -1) {
		diag_add(&w->d, w->path.data, 0, 0, SEV_ERROR,
		    "cannot read: %s", strerror(errno));
		atomic_store(&b->failed, 1);
		return;
	}
	if (text_decode(in->f->path, buf_cstr(&w->raw), w->raw.len,
	    in->sum.encoding, &u, &enc, &w->d) == -1) {
		atomic_store(&b->failed, 1);
		buf_free(&u);
		return;
	}
	buf_reset(&w->out);
	if (out_open(w, &f, in->oname[O_SRCPAGE]) == 0) {
		sink.arg = &f;
		rc = site_src_page(b->site, in->sidx, buf_cstr(&u), u.len,
		    &w->out, &sink, &w->d);
		if (out_close(&f, rc == 0) == -1)
			atomic_store(&b->failed, 1);
	}
	buf_free(&u);
	raw_drop(w);
}

/* The tree of in for a page: the one kept, the scratch file's, else
 * read again (a document not read in this build); NULL after adding an
 * error to w->d. */
static struct doc *
doc_tree(struct worker *w, struct input *in)
{
	struct build	*b = w->b;
	struct diags	 scratch = DIAGS_INIT;
	struct doc	*doc;
	uint64_t	 h;

	if (in->doc != NULL)
		return in->doc;
	if (in->packlen > 0)
		return scratch_get(w, in);
	/* Not read in this build: its page changed with others. */
	h = in->hash;
	doc = read_doc(w, in, &scratch);
	diags_free(&scratch);
	if (doc != NULL && in->hash != h) {
		diag_add(&w->d, in->f->path, 0, 0, SEV_ERROR,
		    "changed during the build: build again");
		atomic_store(&b->failed, 1);
		doc_free(doc);
		return NULL;
	}
	if (doc == NULL && !atomic_load(&b->failed)) {
		diag_add(&w->d, in->f->path, 0, 0, SEV_ERROR,
		    "cannot be read again for its page");
		atomic_store(&b->failed, 1);
	}
	return doc;
}

/* Page pass: the pages of one document that in->redo names. */
static void
page_one(struct worker *w, size_t i)
{
	struct build	*b = w->b;
	struct input	*in = &b->in[i];
	struct anchors	 an = ANCHORS_INIT;
	struct doc	*doc;
	struct out_file	 f;
	struct mustache_sink sink = { out_flush, NULL, OUT_FLUSH_AT };
	int		 rc;

	if (in->redo[O_SRCPAGE])
		src_page_one(w, in);
	if (!in->redo[O_HTML] && !in->redo[O_JSON])
		return;
	if ((doc = doc_tree(w, in)) == NULL)
		return;
	if (doc->root->anchor == NULL)	/* not kept from the read pass */
		anchors_build(&an, doc);
	if (in->redo[O_JSON] && doc_json_file(w, in, doc) == -1)
		atomic_store(&b->failed, 1);
	if (!in->redo[O_HTML])
		goto done;
	diags_free(&in->gd);
	in->page_done = 1;
	buf_reset(&w->out);
	if (out_open(w, &f, in->oname[O_HTML]) == 0) {
		sink.arg = &f;
		rc = site_doc_page(b->site, in->sidx, doc, &an, &w->out, &sink,
		    &in->gd);
		if (out_close(&f, rc == 0) == -1)
			atomic_store(&b->failed, 1);
	}
done:
	anchors_free(&an);
	if (in->doc == NULL)
		doc_free(doc);
}

/* Page pass: one page across documents' trees (a plan's tracking page,
 * a year-to-year comparison: site_track_render()). */
static void
track_one(struct worker *w, size_t j)
{
	struct build	*b = w->b;
	struct input	*in[TRACK_TREES];
	struct doc	*trees[TRACK_TREES];
	struct anchors	 an[TRACK_TREES];
	const size_t	*deps;
	size_t		 n, k, got;

	n = site_track_docs(b->site, j, &deps);
	if (n > TRACK_TREES)
		n = TRACK_TREES;
	for (got = 0; got < n; got++) {
		in[got] = &b->in[b->bysidx[deps[got]]];
		memset(&an[got], 0, sizeof(an[got]));
		if ((trees[got] = doc_tree(w, in[got])) == NULL)
			break;
		if (trees[got]->root->anchor == NULL)
			anchors_build(&an[got], trees[got]);
	}
	buf_reset(&w->out);
	if (got == n) {
		if (site_track_render(b->site, j, trees, &w->out,
		    &w->d) == -1)
			atomic_store(&b->failed, 1);
		else
			out_write(w, site_track_path(b->site, j), w->out.data,
			    w->out.len);
	}
	for (k = 0; k < got; k++) {
		anchors_free(&an[k]);
		if (in[k]->doc == NULL)
			doc_free(trees[k]);
	}
}

/* Page pass: one page across documents. */
static void
xpage_one(struct worker *w, size_t j)
{
	struct build	*b = w->b;

	buf_reset(&w->out);
	if (site_page_render(b->site, j, &w->out, &b->paged[j]) == -1)
		atomic_store(&b->failed, 1);
	else
		out_write(w, site_page_path(b->site, j), w->out.data,
		    w->out.len);
}

/* ---- Planning: what changed ---- */

/* dl_iterate_phdr(): the hash of the GNU build ID among the notes of
 * the first object, the program itself (*(uint64_t *)arg, left 0 when
 * it has none). */
static int
build_id_note(struct dl_phdr_info *info, size_t size, void *arg)
{
	const ElfW(Phdr)	*ph;
	const ElfW(Nhdr)	*nh;
	const char		*p, *end, *name, *desc;
	size_t			 al;
	ElfW(Half)		 i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		al = ph->p_align == 8 ? 8 : 4;
		p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(*nh)) {
			nh = (const ElfW(Nhdr) *)(const void *)p;
			name = p + sizeof(*nh);
			desc = name + ((nh->n_namesz + al - 1) & ~(al - 1));
			if (desc > end || (size_t)(end - desc) < nh->n_descsz)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID &&
			    nh->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
			    nh->n_descsz > 0) {
				*(uint64_t *)arg = hash64(desc, nh->n_descsz,
				    0x6964);
				return 1;
			}
			p = desc + ((nh->n_descsz + al - 1) & ~(al - 1));
		}
	}
	return 1;	/* the program is the first object: no further */
}

/*
 * A hash of the running program, so that a rebuilt gen with the same
 * version number still rebuilds everything: its parser or pages may
 * differ.  Its GNU build ID (the Makefile links with --build-id: a hash
 * of the program's contents) in memory; without one, its own bytes
 * (/proc/self/exe: 2 MB read on every build).  0 where the program
 * cannot read itself.
 */
static uint64_t
self_hash(void)
{
	char	 chunk[65536];
	uint64_t h = 0;
	ssize_t	 n;
	int	 fd;

	dl_iterate_phdr(build_id_note, &h);
	if (h != 0)
		return h;
	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		h = hash64(chunk, (size_t)n, h);
	close(fd);
	return n == 0 ? h : 0;
}

/* Fill b->tplf and b->env: the environment every page depends on. */
static void
plan_env(struct build *b)
{
	const struct config	*c = b->cfg;
	const struct mfile	*om;
	struct hasher		 h = { 0x656e76 };
	struct buf		 data = BUF_INIT;
	struct mfile		*f;
	size_t			 i, j = 0;

	templates_scan(c->templates_dir, c->builtin_dir, &b->tpl, &b->tdirs,
	    b->d);
	b->tplf = xcalloc(b->tpl.n + 1, sizeof(*b->tplf));
	hasher_str(&h, GEN_VERSION);
	hasher_u64(&h, self_hash());
	hasher_str(&h, c->title);
	hasher_str(&h, c->base_url);
	hasher_str(&h, c->lang);
	hasher_str(&h, c->meta_keys);	/* doc pages show those keys */
	hasher_str(&h, c->templates_dir);
	hasher_str(&h, c->builtin_dir);
	for (i = 0; i < 2 * c->nparams; i++)
		hasher_str(&h, c->params[i]);
	hasher_str(&h, c->input_encoding);
	hasher_u64(&h, (uint64_t)c->strict);
	hasher_u64(&h, (uint64_t)c->drafts);
	hasher_u64(&h, (uint64_t)c->follow_outside_links);
	hasher_u64(&h, c->max_file_size);
	hasher_u64(&h, c->max_line_length);
	hasher_u64(&h, c->max_lines);
	hasher_u64(&h, (uint64_t)c->max_depth);
	hasher_u64(&h, (uint64_t)c->print_pdf);	/* doc pages link PDFs */
	hasher_u64(&h, c->max_output);
	hasher_u64(&h, (uint64_t)site_relate_on());	/* GEN_RELATE=0 */
	for (i = 0; i < b->tpl.n; i++) {
		f = &b->tplf[i];
		f->path = b->tpl.v[i].path;
		f->size = b->tpl.v[i].size;
		f->mtime = b->tpl.v[i].mtime;
		f->ino = b->tpl.v[i].ino;
		while (j < b->old.ntpl && strcmp(b->old.tpl[j].path,
		    f->path) < 0)
			j++;
		om = j < b->old.ntpl && strcmp(b->old.tpl[j].path,
		    f->path) == 0 ? &b->old.tpl[j] : NULL;
		if (om != NULL && om->mtime != -1 && om->mtime == f->mtime &&
		    om->size == f->size && om->ino == f->ino)
			f->hash = om->hash;
		else {
			buf_reset(&data);
			if (file_read(f->path, &data) == -1)
				f->mtime = -1;
			f->hash = hash64(buf_cstr(&data), data.len, 0);
		}
		f->mtime = trusted_mtime(b, f->mtime);
		hasher_str(&h, f->path);
		hasher_u64(&h, f->hash);
	}
	buf_free(&data);
	b->env = h.h;
}

/* Match the content files with the manifest's documents; hash those
 * whose stat data moved.  Return the number of inputs changed, added
 * or removed. */
static size_t
plan_inputs(struct build *b)
{
	const struct mdoc	*om;
	struct input		*in;
	struct buf		 data = BUF_INIT;
	struct diags		 scratch = DIAGS_INIT;	/* read_doc's again */
	size_t			 i, j = 0, nchanged = 0;
	int			 c;

	b->nin = b->files.n;
	b->in = xcalloc(b->nin + 1, sizeof(*b->in));
	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		in->f = &b->files.v[i];
		om = NULL;
		while (b->plan.have_old && j < b->old.ndocs &&
		    (c = strcmp(b->old.docs[j].f.path, in->f->path)) <= 0) {
			if (c == 0)
				om = &b->old.docs[j];
			else {
				changed_note(b, b->old.docs[j].f.path);
				nchanged++;
			}
			j++;
		}
		in->old = om;
		if (om == NULL) {
			in->changed = 1;
			continue;
		}
		if (om->f.mtime != -1 && om->f.mtime == in->f->mtime &&
		    om->f.size == in->f->size && om->f.ino == in->f->ino) {
			in->hash = om->f.hash;
			continue;
		}
		buf_reset(&data);
		diags_free(&scratch);
		if (doc_read(in->f->path, b->cfg, &data, &scratch) == -1)
			in->changed = 1;
		else {
			in->hash = hash64(buf_cstr(&data), data.len, 0);
			in->changed = in->hash != om->f.hash;
		}
	}
	while (b->plan.have_old && j < b->old.ndocs) {
		changed_note(b, b->old.docs[j++].f.path);
		nchanged++;
	}
	b->plan.sameset = b->plan.have_old && nchanged == 0;
	for (i = 0; i < b->nin; i++)
		if (b->in[i].changed) {
			changed_note(b, b->in[i].f->path);
			nchanged++;
		}
	buf_free(&data);
	diags_free(&scratch);
	return nchanged;
}

/* ---- Diagnostics ---- */

static void
diags_copy(struct diags *dst, const struct diags *src)
{
	size_t	 i;

	for (i = 0; i < src->n; i++)
		diag_add_id(dst, src->v[i].file, src->v[i].line,
		    src->v[i].col, src->v[i].sev, src->v[i].id, "%s",
		    src->v[i].msg);
}

/* Every document's diagnostics (this build's or the manifest's), then
 * the site's, then the pages', into b->d. */
static void
report(struct build *b)
{
	struct input	*in;
	size_t		 i;
	int		 k;

	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		if (in->parse_done)
			diags_copy(b->d, &in->pd);
		else if (in->old)
			diags_copy(b->d, &in->old->parse);
	}
	diags_copy(b->d, b->plan.fast ? &b->old.site : &b->sited);
	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		if (in->page_done)
			diags_copy(b->d, &in->gd);
		else if (in->old && in->ok)
			diags_copy(b->d, &in->old->page);
	}
	for (i = 0; b->paged && i < site_npages(b->site); i++)
		diags_copy(b->d, &b->paged[i]);
	for (k = 0; k < b->nw; k++)
		diags_copy(b->d, &b->w[k].d);
}

/* ---- Setting up ---- */

static void
workers_init(struct build *b)
{
	int	 i;

	b->nw = jobs_wanted(b->opts);
	b->w = xcalloc((size_t)b->nw, sizeof(*b->w));
	for (i = 0; i < b->nw; i++) {
		b->w[i].id = i;
		b->w[i].b = b;
		b->w[i].scratch = -1;
	}
}

static void	drop_old(struct build *);

static void *
more_thread(void *arg)
{
	struct more	*mo = arg;

	mo->rc = manifest_more(mo->m, mo->sums, 0);
	return NULL;
}

static void
more_start(struct build *b)
{
	if (b->plan.have_old && pthread_create(&b->more.th, NULL, more_thread,
	    &b->more) == 0)
		b->more.started = 1;
}

/* The rest of the manifest read; without it, everything is built. */
static void
more_join(struct build *b)
{
	if (b->more.started)
		pthread_join(b->more.th, NULL);
	else if (b->plan.have_old)
		more_thread(&b->more);
	b->more.started = 0;
	if (b->plan.have_old && b->more.rc == -1) {
		drop_old(b);
		b->plan.mode = BUILD_FULL;
		b->st->mode = BUILD_FULL;
	}
}

static void
build_free(struct build *b)
{
	size_t	 i;
	int	 k;

	if (b->more.started)
		pthread_join(b->more.th, NULL);
	pthread_mutex_destroy(&b->maplock);
	for (i = 0; i < b->nin; i++) {
		diags_free(&b->in[i].pd);
		diags_free(&b->in[i].gd);
	}
	for (i = 0; b->paged && i < site_npages(b->site); i++)
		diags_free(&b->paged[i]);
	for (k = 0; k < b->nw; k++) {
		buf_free(&b->w[k].raw);
		buf_free(&b->w[k].out);
		buf_free(&b->w[k].path);
		arena_free(&b->w[k].a);
		diags_free(&b->w[k].d);
		if (b->w[k].scratch != -1)
			close(b->w[k].scratch);
	}
	free(b->w);
	free(b->paged);
	free(b->pagekey);
	free(b->trackkey);
	free(b->bysidx);
	site_free(b->site);
	if (b->ms)
		mustache_free(b->ms);
	diags_free(&b->sited);
	free(b->in);
	free(b->tplf);
	free(b->outs);
	free(b->odirs);
	free(b->oldmissing);
	free(b->oldmap);
	free(b->oldseen);
	flist_free(&b->files);
	flist_free(&b->dirs);
	flist_free(&b->tpl);
	flist_free(&b->tdirs);
	if (b->plan.have_old)
		manifest_free(&b->old);
	free(b->plan.read);
	free(b->plan.docs);
	free(b->plan.pages);
	outdir_close(&b->od);
	arena_free(&b->a);
}

/* ---- The destination ---- */

/* A fresh folder for a full build. */
static int
dest_stage(struct build *b)
{
	if (outdir_stage(&b->od, b->d) == -1)
		return -1;
	b->dest = b->od.stage;
	return 0;
}

/* The mirror, a true copy of out/ (made again when a build stopped half
 * way: what is missing from out/ is then written again), dirty. */
static int
dest_shadow(struct build *b)
{
	long	 gone;
	size_t	 i;

	if (!shadow_clean(&b->od)) {
		b->oldmissing = xcalloc(b->old.nouts + 1, 1);
		if ((gone = shadow_mirror(&b->od, b->old.outs, b->old.nouts,
		    b->oldmissing, b->d)) == -1)
			return -1;
		for (i = 0; gone > 0 && i < b->old.nouts; i++)
			if (b->oldmissing[i])
				old_forget(b, i);
		if (gone > 0)
			b->plan.touched = 1;
	} else if (shadow_dirty(&b->od, b->d) == -1)
		return -1;
	if (shadow_take(&b->od, b->d) == -1)
		return -1;
	b->dest = b->od.stage;
	return 0;
}

/* ---- The passes ---- */

static size_t *
index_list(size_t n)
{
	return xcalloc(n + 1, sizeof(size_t));
}

/* Plan what to read: everything new or changed, and documents whose
 * files must be written again (a new slug); the others keep their
 * summaries from the manifest. */
static void
plan_read(struct build *b)
{
	struct input	*in;
	size_t		 i, j;

	b->plan.read = index_list(b->nin);
	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		in->parse = is_full(b) || in->changed || in->old == NULL;
		if (!in->parse && in->old->ok) {
			in->sum = in->old->sum;
			in->ok = 1;
			in->okey[O_SRC] = file_key(in, O_SRC);
			/* An unchanged document's CSV is as it was. */
			in->okey[O_CSV] = (j = old_doc_index(b, in,
			    O_CSV)) != (size_t)-1 ? b->old.outs[j].key : 0;
			if (stale_doc(b, in, O_SRC) ||
			    stale_doc(b, in, O_CSV))
				in->parse = 1;
		}
		if (in->parse)
			b->plan.read[b->plan.nread++] = i;
	}
}

/* Read the documents of the plan. */
static int
pass_read(struct build *b)
{
	b->st->nparsed = b->plan.nread;
	return pass_run(b, "reading", read_one, b->plan.read, b->plan.nread);
}

/* What the last build found of related items (relitem_prev): its
 * documents' positions in this model, the units of those gone (none on
 * a full build); the threads to find them on.  Model positions (sidx)
 * must be set. */
static struct relitem_prev *
rel_prev(struct build *b)
{
	struct relitem_prev	*p;
	struct relitem_gone	*gone;
	uint32_t		*map;
	const struct mdoc	*od;
	size_t			 i, j, at = 0, pos = 0;

	p = arena_alloc(&b->a, sizeof(*p));
	memset(p, 0, sizeof(*p));
	p->threads = b->nw;
	if (is_full(b) || !b->plan.have_old)
		return p;
	map = arena_alloc(&b->a, (b->old.ndocs + 1) * sizeof(*map));
	gone = arena_alloc(&b->a, (b->old.ndocs + 1) * sizeof(*gone));
	memset(map, 0xFF, (b->old.ndocs + 1) * sizeof(*map));
	for (i = 0; i < b->nin; i++)
		if (b->in[i].old != NULL && b->in[i].ok)
			map[b->in[i].old - b->old.docs] =
			    (uint32_t)b->in[i].sidx;
	/* Both lists are in the order of the paths. */
	for (j = 0; j < b->old.ndocs; j++) {
		od = &b->old.docs[j];
		for (; at < b->nin && strcmp(b->in[at].f->path,
		    od->f.path) < 0; at++)
			pos += b->in[at].ok != 0;
		if (!od->ok || map[j] != UINT32_MAX || od->sum.unitslen == 0)
			continue;
		gone[p->ngone].units = od->sum.units;
		gone[p->ngone].unitslen = od->sum.unitslen;
		gone[p->ngone++].pos = (uint32_t)pos;
	}
	p->map = map;
	p->nmap = b->old.ndocs;
	p->gone = gone;
	return p;
}

/* Give each summary the related items the model found for its
 * document (for the manifest; the last build's when it did not look). */
static void
rel_store(struct build *b)
{
	uint32_t	*ids = xcalloc(b->st->ndocs + 1, sizeof(*ids));
	struct buf	 out = BUF_INIT;
	struct input	*in;
	size_t		 i;
	char		*p;

	for (i = 0; i < b->st->ndocs; i++)
		ids[i] = (uint32_t)b->bysidx[i];
	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		if (!in->ok)
			continue;
		buf_reset(&out);
		if (site_doc_lists(b->site, in->sidx, ids, &out) == -1)
			continue;
		p = arena_alloc(&b->a, out.len + 1);
		if (out.len > 0)
			memcpy(p, out.data, out.len);
		in->sum.rel = p;
		in->sum.rellen = out.len;
	}
	buf_free(&out);
	free(ids);
}

/* The model over every document that has a summary. */
static void
pass_model(struct build *b)
{
	struct site_doc	*sd = xcalloc(b->nin + 1, sizeof(*sd));
	size_t		 i, n = 0;
	int		 full = is_full(b) || !b->plan.have_old;

	b->bysidx = xcalloc(b->nin + 1, sizeof(*b->bysidx));
	for (i = 0; i < b->nin; i++) {
		if (!b->in[i].ok)
			continue;
		b->bysidx[n] = i;
		b->in[i].sidx = n;
		sd[n].sum = &b->in[i].sum;
		sd[n].slug = b->in[i].slug;
		sd[n].want = !b->plan.fast || b->in[i].parse_done;
		sd[n].prev = !full && b->in[i].old != NULL &&
		    b->in[i].old->ok ? &b->in[i].old->sum : NULL;
		sd[n++].hash = b->in[i].hash;
	}
	b->site = site_new(b->cfg, b->ms, sd, n, b->plan.fast ?
	    b->old.groups :
	    NULL, b->old.ngroups, rel_prev(b), &b->sited);
	b->st->ndocs = n;
	b->st->nrelated = site_items_found(b->site);
	rel_store(b);
	free(sd);
}

/* Plan whether this build can skip the model's pages (plan.fast): out/
 * not touched, the same documents, each one read again saying what it
 * said (its summary)?  Then every page but theirs is as it was.  Else
 * the references of every document are read from the manifest for the
 * model.  Return 0, or -1 after an error (the manifest damaged). */
static int
plan_fast(struct build *b)
{
	struct input	*in;
	size_t		 i;
	int		 fast = !is_full(b) && !b->plan.touched &&
	    b->plan.sameset;

	for (i = 0; fast && i < b->nin; i++) {
		in = &b->in[i];
		if (!in->parse_done)
			continue;
		if (in->old == NULL || in->ok != in->old->ok ||
		    manifest_refs(&b->old, (size_t)(in->old - b->old.docs)) == -1 ||
		    (in->ok && !summary_equal(&in->sum, &in->old->sum)))
			fast = 0;
	}
	for (i = 0; !fast && !is_full(b) && i < b->nin; i++) {
		in = &b->in[i];
		if (in->old == NULL)
			continue;
		if (manifest_refs(&b->old, (size_t)(in->old - b->old.docs)) ==
		    -1) {
			diag_add(b->d, b->od.out, 0, 0, SEV_ERROR, "%s is damaged: "
			    "build again with --full", MANIFEST_NAME);
			return -1;
		}
		if (!in->parse_done && in->ok)
			in->sum = in->old->sum;
	}
	b->plan.fast = fast;
	return 0;
}

/* Key document in's page, source page and JSON file and mark in
 * in->redo those that need writing; return whether one does. */
static int
pages_stale(struct build *b, struct input *in)
{
	struct hasher	 h = { 0 };

	in->okey[O_HTML] = site_doc_key(b->site, in->sidx);
	in->okey[O_SRCPAGE] = site_src_key(b->site, in->sidx);
	hasher_u64(&h, file_key(in, O_JSON));
	hasher_u64(&h, site_json_key(b->site, in->sidx));
	in->okey[O_JSON] = h.h;
	in->redo[O_HTML] = (unsigned char)stale_doc(b, in, O_HTML);
	in->redo[O_SRCPAGE] = (unsigned char)stale_doc(b, in, O_SRCPAGE);
	in->redo[O_JSON] = (unsigned char)stale_doc(b, in, O_JSON);
	return in->redo[O_HTML] || in->redo[O_SRCPAGE] || in->redo[O_JSON];
}

/* Key the pages across documents and render those whose key changed;
 * fast (pass_fast()): only those reading a document read again, their
 * keys put in the last build's outputs. */
static int
pass_tracks(struct build *b, int fast)
{
	const size_t	*deps;
	size_t		*items, n = 0, j, k, nd, nt = site_ntracks(b->site);
	int		 rc, mine;

	b->trackkey = xcalloc(nt + 1, sizeof(*b->trackkey));
	items = index_list(nt);
	for (j = 0; j < nt; j++) {
		b->trackkey[j] = site_track_key(b->site, j);
		nd = site_track_docs(b->site, j, &deps);
		for (mine = !fast, k = 0; !mine && k < nd; k++)
			mine = b->in[b->bysidx[deps[k]]].parse_done;
		if (mine && stale(b, site_track_path(b->site, j),
		    b->trackkey[j]))
			items[n++] = j;
	}
	rc = pass_run(b, "pages", track_one, items, n);
	for (k = 0; fast && k < n; k++) {
		j = items[k];
		if ((nd = old_index(b, site_track_path(b->site, j))) !=
		    (size_t)-1)
			b->outs[nd].key = b->trackkey[j];
		else
			out_add(b, site_track_path(b->site, j),
			    b->trackkey[j], 0);
	}
	free(items);
	return rc;
}

/* Plan the documents whose pages to render: those whose keys changed,
 * among the documents read again when the build is fast (plan_fast()),
 * else among all. */
static void
plan_docs(struct build *b)
{
	struct input	*in;
	size_t		 i;

	b->plan.docs = index_list(b->nin);
	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		if (!in->ok || (b->plan.fast && !in->parse_done))
			continue;
		if (pages_stale(b, in))
			b->plan.docs[b->plan.ndocs++] = i;
	}
}

/* Plan the site's pages to render: those whose keys changed (the keys
 * kept in b->pagekey for the manifest). */
static void
plan_pages(struct build *b)
{
	size_t		 i, np = site_npages(b->site);

	b->pagekey = xcalloc(np + 1, sizeof(*b->pagekey));
	b->plan.pages = index_list(np);
	for (i = 0; i < np; i++) {
		b->pagekey[i] = site_page_key(b->site, i);
		if (stale(b, site_page_path(b->site, i), b->pagekey[i]))
			b->plan.pages[b->plan.npages++] = i;
	}
}

/* The pages of the documents read again, alone (plan_fast()); the
 * outputs are the last build's, with their keys. */
static int
pass_fast(struct build *b)
{
	struct input	*in;
	size_t		 i, k;
	int		 o, rc;

	plan_docs(b);
	rc = pass_run(b, "pages", page_one, b->plan.docs, b->plan.ndocs);
	b->outs = xcalloc(b->old.nouts + 1, sizeof(*b->outs));
	memcpy(b->outs, b->old.outs, b->old.nouts * sizeof(*b->outs));
	b->nouts = b->capouts = b->old.nouts;
	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		if (!in->ok || !in->parse_done)
			continue;
		for (o = O_HTML; o < O_N; o++)
			if ((k = old_doc_index(b, in, o)) != (size_t)-1)
				b->outs[k].key = in->okey[o];
	}
	for (i = 0; i < b->nin; i++)
		b->in[i].oidx = b->in[i].old ? b->in[i].old->oidx : MOUT_NONE;
	b->odirs = xcalloc(b->old.ndirs + 1, sizeof(*b->odirs));
	for (i = 0; i < b->old.ndirs; i++)
		b->odirs[b->nodirs++] = b->old.dirs[i];
	if (rc == 0)
		rc = pass_tracks(b, 1);
	return rc;
}

/* The documents' pages, then the site's, each as the plan says. */
static int
pass_pages(struct build *b)
{
	int	 rc;

	plan_docs(b);
	rc = pass_run(b, "pages", page_one, b->plan.docs, b->plan.ndocs);
	b->paged = xcalloc(site_npages(b->site) + 1, sizeof(*b->paged));
	if (rc == 0) {
		plan_pages(b);
		rc = pass_run(b, "pages", xpage_one, b->plan.pages,
		    b->plan.npages);
	}
	if (rc == 0)
		rc = pass_tracks(b, 0);
	return rc;
}

/* ---- Finishing ---- */

/* The folders the outputs are in, "" (out/ itself) first. */
static void
collect_dirs(struct build *b)
{
	struct slugset	 seen = SLUGSET_INIT;
	const char	*slash;
	char		*dir;
	size_t		 i;

	b->odirs = xcalloc(b->nouts + 2, sizeof(*b->odirs));
	b->odirs[b->nodirs++] = "";
	for (i = 0; i < b->nouts; i++) {
		if ((slash = strrchr(b->outs[i].path, '/')) == NULL)
			continue;
		dir = arena_strndup(&b->a, b->outs[i].path,
		    (size_t)(slash - b->outs[i].path));
		if (slugset_has(&seen, dir))
			continue;
		slugset_claim(&seen, dir, '-', NULL);
		b->odirs[b->nodirs++] = dir;
	}
	slugset_free(&seen);
}

/* The table of every output of this build: documents' files in the
 * order of their sources, then the other pages, the assets, the
 * marker. */
static void
collect_outs(struct build *b)
{
	struct input	*in;
	const char	*assets = arena_printf(&b->a, "%s/assets/",
	    b->cfg->templates_dir), *bassets = NULL;
	size_t		 i, alen = strlen(assets), blen = 0;
	int		 o;

	if (b->cfg->builtin_dir != NULL) {
		bassets = arena_printf(&b->a, "%s/assets/",
		    b->cfg->builtin_dir);
		blen = strlen(bassets);
	}

	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		in->oidx = MOUT_NONE;
		if (!in->ok)
			continue;
		in->oidx = b->nouts;
		for (o = O_HTML; o < O_N; o++)
			out_add(b, in->oname[o], in->okey[o], 0);
	}
	for (i = 0; i < site_npages(b->site); i++)
		out_add(b, site_page_path(b->site, i), b->pagekey[i], 0);
	for (i = 0; i < site_ntracks(b->site); i++)
		out_add(b, site_track_path(b->site, i), b->trackkey[i], 0);
	for (i = 0; i < b->tpl.n; i++)
		if (strncmp(b->tpl.v[i].path, assets, alen) == 0)
			out_add(b, arena_printf(&b->a, "assets/%s",
			    b->tpl.v[i].path + alen), b->tplf[i].hash, 1);
		else if (bassets != NULL &&
		    strncmp(b->tpl.v[i].path, bassets, blen) == 0)
			out_add(b, arena_printf(&b->a, "assets/%s",
			    b->tpl.v[i].path + blen), b->tplf[i].hash, 1);
	out_add(b, SITE_MARKER, 1, 1);
	collect_dirs(b);
}

/* Remove the folders above path (inside the destination) that its
 * removal left empty, as a full build would not make them
 * (compare/ after the last comparison page went). */
static void
remove_empty_parents(struct build *b, const char *path)
{
	char	*dir = arena_strdup(&b->a, path), *slash;
	size_t	 top = strlen(b->dest);

	while ((slash = strrchr(dir, '/')) != NULL &&
	    (size_t)(slash - dir) > top) {
		*slash = '\0';
		if (rmdir(dir) == -1)
			break;	/* not empty (the common case), or gone */
	}
}

/* Remove from the mirror what the previous build wrote and this one did
 * not.  Return 0, or -1 after an error (nothing else). */
static int
remove_gone(struct build *b)
{
	const char	*p;
	size_t		 i;

	for (i = 0; b->plan.have_old && i < b->old.nouts; i++) {
		if (b->oldseen[i])
			continue;
		p = arena_printf(&b->a, "%s/%s", b->dest, b->old.outs[i].path);
		if (unlink(p) == -1 && errno != ENOENT) {
			diag_add(b->d, p, 0, 0, SEV_ERROR, "cannot remove: %s",
			    strerror(errno));
			return -1;
		}
		b->st->nremoved++;
		remove_empty_parents(b, p);
	}
	return 0;
}

/* Write the manifest of this build into the destination. */
static int
write_manifest(struct build *b)
{
	struct manifest	 m;
	struct mdoc	*docs;
	struct input	*in;
	size_t		 i;
	int		 rc = 0;
	const char	*path;

	memset(&m, 0, sizeof(m));
	docs = xcalloc(b->nin + 1, sizeof(*docs));
	for (i = 0; i < b->nin; i++) {
		in = &b->in[i];
		docs[i].f.path = in->f->path;
		docs[i].slug = in->slug;
		docs[i].slug_base = in->slug_base;
		docs[i].oidx = in->oidx;
		docs[i].f.size = in->f->size;
		docs[i].f.mtime = trusted_mtime(b, in->f->mtime);
		docs[i].f.ino = in->f->ino;
		docs[i].f.hash = in->hash;
		docs[i].ok = in->ok;
		docs[i].parse = in->parse_done || in->old == NULL ?
		    in->pd : in->old->parse;
		docs[i].page = in->page_done || in->old == NULL ?
		    in->gd : in->old->page;
		docs[i].sum = in->sum;
		if (in->old != NULL && in->ok && in->old->ok &&
		    (!in->parse_done || summary_equal(&in->sum,
		    &in->old->sum)) && in->sum.rellen == in->old->sum.rellen &&
		    (in->sum.rellen == 0 || memcmp(in->sum.rel,
		    in->old->sum.rel, in->sum.rellen) == 0)) {
			docs[i].raw = in->old->raw;
			docs[i].rawlen = in->old->rawlen;
		}
	}
	m.env = b->env;
	m.tpl = b->tplf;
	m.ntpl = b->tpl.n;
	m.docs = docs;
	m.ndocs = b->nin;
	m.site = b->plan.fast ? b->old.site : b->sited;
	if (b->plan.fast) {
		m.groups = b->old.groups;
		m.ngroups = b->old.ngroups;
	} else
		m.ngroups = site_groups(b->site, &b->a, &m.groups);
	m.outs = b->outs;
	m.nouts = b->nouts;
	m.dirs = b->odirs;
	m.ndirs = b->nodirs;
	if (!b->plan.scan_failed) {
		m.cdirs = xcalloc(b->dirs.n + 1, sizeof(*m.cdirs));
		m.ncdirs = b->dirs.n;
		for (i = 0; i < b->dirs.n; i++) {
			m.cdirs[i].path = b->dirs.v[i].path;
			m.cdirs[i].mtime = trusted_mtime(b,
			    b->dirs.v[i].mtime);
			m.cdirs[i].ino = b->dirs.v[i].ino;
		}
	}
	if (b->plan.have_old) {
		m.sums_map = b->old.sums_map;
		m.sums_len = b->old.sums_len;
		m.sums_id = b->old.sums_id;
	}
	path = arena_printf(&b->a, "%s/" MANIFEST_NAME, b->dest);
	if (manifest_write(path, arena_printf(&b->a, "%s/" SUMS_NAME,
	    b->dest), &m) == -1) {
		diag_add(b->d, path, 0, 0, SEV_ERROR, "cannot write: %s",
		    strerror(errno));
		rc = -1;
	}
	free(m.cdirs);
	free(docs);
	return rc;
}

/* After the exchange: the mirror a true copy of out/ again. */
static void
mirror_again(struct build *b)
{
	const char	**written, **removed, **keep;
	struct input	*in;
	size_t		 i, j, nw = 0, nr = 0;
	uint64_t	 k;
	int		 o;

	written = xcalloc(b->nouts + 1, sizeof(*written));
	if (b->plan.fast) {
		/* The outputs are the old ones; only the documents read
		 * again can have new keys. */
		for (i = 0; i < b->nin; i++) {
			in = &b->in[i];
			if (!in->ok || !in->parse_done)
				continue;
			for (o = O_HTML; o < O_N; o++)
				if ((j = old_doc_index(b, in, o)) !=
				    (size_t)-1 && (b->old.outs[j].key == 0 ||
				    b->old.outs[j].key != b->outs[j].key))
					written[nw++] = b->outs[j].path;
		}
		shadow_sync(&b->od, written, nw, NULL, 0);
		free(written);
		return;
	}
	keep = xcalloc(b->nouts + 1, sizeof(*keep));
	removed = xcalloc(b->old.nouts + 1, sizeof(*removed));
	for (i = 0; i < b->nouts; i++) {
		keep[i] = b->outs[i].path;
		k = old_key(b, b->outs[i].path);
		if (k == 0 || k != b->outs[i].key)
			written[nw++] = b->outs[i].path;
	}
	for (i = 0; i < b->old.nouts; i++)
		if (!b->oldseen[i])
			removed[nr++] = b->old.outs[i].path;
	if (!b->plan.touched || shadow_strays(&b->od, keep, b->nouts,
	    b->odirs, b->nodirs) == 0)
		shadow_sync(&b->od, written, nw, removed, nr);
	free(written);
	free(removed);
	free(keep);
}

static int
publish(struct build *b)
{
	const char	*assets, *dir;
	struct stat	 st;
	int		 k;

	if (is_full(b)) {
		/* The built-in assets, then the site's over them. */
		for (k = 0; k < 2; k++) {
			dir = k == 0 ? b->cfg->builtin_dir :
			    b->cfg->templates_dir;
			if (dir == NULL)
				continue;
			assets = arena_printf(&b->a, "%s/assets", dir);
			if (stat(assets, &st) == 0 && S_ISDIR(st.st_mode) &&
			    tree_copy(assets, arena_printf(&b->a, "%s/assets",
			    b->od.stage), b->d) == -1)
				return -1;
		}
		if (file_write(arena_printf(&b->a, "%s/" SITE_MARKER,
		    b->od.stage), "gen\n", 4) == -1) {
			diag_add(b->d, b->od.stage, 0, 0, SEV_ERROR,
			    "cannot write: %s", strerror(errno));
			return -1;
		}
	}
	if (is_full(b) && b->opts == NULL)
		return tree_publish(b->od.stage, b->od.out, keep_dirs, b->d);
	if (write_manifest(b) == -1)
		return -1;
	if (is_full(b)) {
		if (tree_publish(b->od.stage, b->od.out, keep_dirs,
		    b->d) == -1)
			return -1;
		outdir_date(&b->od);
		shadow_drop(&b->od);
		return 0;
	}
	/* print/ and pagefind/ go into the new site before the exchange:
	 * no moment, no leftover holds their only copy. */
	if (tree_carry(b->od.out, b->od.stage, keep_dirs, b->d) == -1)
		return -1;
	test_stop("before-swap");
	if (tree_exchange(b->od.stage, b->od.out, b->d) == -1)
		return -1;
	test_stop("after-swap");
	shadow_put(&b->od);
	outdir_date(&b->od);
	mirror_again(b);
	return 0;
}

/* ---- The build ---- */

/* Every document's slug: the manifest's when it saw the same files
 * (slugs depend on nothing else), with its warnings; else made. */
static void
plan_slugs(struct build *b)
{
	const struct mdoc	*om;
	const char		**paths, **bases;
	size_t			 i;
	int			 known = b->plan.sameset;

	for (i = 0; known && i < b->nin; i++)
		if ((om = b->in[i].old) == NULL || om->slug == NULL)
			known = 0;
	if (known) {
		/* Copied: the manifest may be dropped before the end. */
		for (i = 0; i < b->nin; i++) {
			om = b->in[i].old;
			b->in[i].slug = arena_strdup(&b->a, om->slug);
			if (om->slug_base == NULL)
				continue;
			b->in[i].slug_base = arena_strdup(&b->a,
			    om->slug_base);
			slug_warn(&b->sited, b->in[i].f->path, om->slug_base,
			    om->slug);
		}
		return;
	}
	paths = xcalloc(b->nin + 1, sizeof(*paths));
	bases = xcalloc(b->nin + 1, sizeof(*bases));
	for (i = 0; i < b->nin; i++)
		paths[i] = b->in[i].doc ? b->in[i].doc->source :
		    b->in[i].f->path;
	summary_slugs(paths, b->nin, &b->a, paths, bases, &b->sited);
	for (i = 0; i < b->nin; i++) {
		b->in[i].slug = paths[i];
		b->in[i].slug_base = bases[i];
	}
	free(paths);
	free(bases);
}

/* The site's own templates that say {{! gen-data: N }} with N older than
 * the data they receive now: a warning each (the built-in ones are
 * always current). */
static void
data_version_check(struct build *b)
{
	const char	*dir = b->cfg->templates_dir, *p, *at;
	struct buf	 text = BUF_INIT;
	size_t		 i, dlen = strlen(dir), n;
	int		 v, line;

	for (i = 0; i < b->tpl.n; i++) {
		p = b->tpl.v[i].path;
		n = strlen(p);
		if (strncmp(p, dir, dlen) != 0 || p[dlen] != '/' || n < 9 ||
		    strcmp(p + n - 9, ".mustache") != 0)
			continue;
		buf_reset(&text);
		if (file_read(p, &text) == -1 ||
		    (at = strstr(buf_cstr(&text), "gen-data:")) == NULL)
			continue;
		for (line = 1, p = text.data; p < at; p++)
			line += *p == '\n';
		for (p = at + 9; *p == ' '; p++)
			continue;
		for (v = 0; ascii_isdigit(*p) && v < 100000; p++)
			v = v * 10 + (*p - '0');
		if (v < SITE_DATA_VERSION)
			diag_add(b->d, b->tpl.v[i].path, line, 0, SEV_WARNING,
			    "written for template data %d; gen gives data %d "
			    "now: see what changed in CHANGELOG.md, then say "
			    "gen-data: %d", v, SITE_DATA_VERSION,
			    SITE_DATA_VERSION);
	}
	buf_free(&text);
}

/* Everything after planning, into the destination, then publish. */
static int
run(struct build *b)
{
	size_t		 i;
	int		 k;

	plan_slugs(b);
	for (i = 0; i < b->nin; i++)
		for (k = O_HTML; k < O_N; k++)
			b->in[i].oname[k] = out_name(b, &b->in[i], k);
	b->ms = mustache_new(b->cfg->templates_dir);
	mustache_fallback(b->ms, b->cfg->builtin_dir);
	mustache_strict(b->ms, b->cfg->strict);
	mustache_limit(b->ms, b->cfg->max_output);
	if (site_compile(b->ms, b->d) == -1)
		return -1;
	data_version_check(b);
	more_join(b);
	if (b->plan.have_old)
		b->oldseen = xcalloc(b->old.nouts + 1, 1);
	if ((is_full(b) ? dest_stage(b) : dest_shadow(b)) == -1)
		return -1;
	plan_read(b);
	if (pass_read(b) == -1)
		goto fail;
	/* A document with an error fails the build, out/ left as it was
	 * (as Hugo does), unless --keep-going. */
	if (b->opts == NULL || !b->opts->keep_going)
		for (i = 0; i < b->nin; i++)
			if ((b->in[i].parse_done ? diags_count(&b->in[i].pd,
			    SEV_ERROR) : b->in[i].old ?
			    diags_count(&b->in[i].old->parse, SEV_ERROR) : 0) > 0) {
				diag_add(b->d, "gen", 0, 0, SEV_ERROR, "not "
				    "publishing because of the errors above "
				    "(--keep-going publishes the rest)");
				goto fail;
			}
	if (plan_fast(b) == -1)
		goto fail;
	pass_model(b);
	if (b->plan.fast) {
		if (pass_fast(b) == -1)
			goto fail;
	} else {
		if (pass_pages(b) == -1)
			goto fail;
		collect_outs(b);
		if (!is_full(b) && remove_gone(b) != 0)
			goto fail;
	}
	for (k = 0; k < b->nw; k++)
		b->st->nwritten += b->w[k].nwritten;
	if (publish(b) == -1)
		goto fail;
	return 0;
fail:
	if (is_full(b))
		leftover_remove(b->od.stage, b->d);
	else if (b->dest != NULL)
		shadow_put(&b->od);	/* dirty: made again next time */
	return -1;
}

/* The make rule of the inputs. */
static int
write_depfile(struct build *b)
{
	const char	**v;
	size_t		 n = 0, i;
	int		 rc;

	if (b->opts == NULL || b->opts->depfile == NULL)
		return 0;
	v = xcalloc(b->files.n + b->dirs.n + b->tpl.n + b->tdirs.n + 3,
	    sizeof(*v));
	if (b->cfg->path)
		v[n++] = b->cfg->path;
	for (i = 0; i < b->dirs.n; i++)
		v[n++] = b->dirs.v[i].path;
	for (i = 0; i < b->files.n; i++)
		v[n++] = b->files.v[i].path;
	for (i = 0; i < b->tdirs.n; i++)
		v[n++] = b->tdirs.v[i].path;
	for (i = 0; i < b->tpl.n; i++)
		v[n++] = b->tpl.v[i].path;
	v[n++] = b->od.manifest;
	rc = depfile_write(b->opts->depfile, b->opts->dep_target ?
	    b->opts->dep_target : b->opts->depfile, v, n, b->d);
	free(v);
	return rc;
}

/* Does out/ hold a site whose manifest can be used? */
static void
read_old(struct build *b)
{
	struct stat	 st;

	if (b->opts->full || lstat(arena_printf(&b->a, "%s/" SITE_MARKER,
	    b->od.out), &st) == -1)
		return;
	b->plan.have_old = manifest_read(b->od.manifest, &b->old) == 0;
}

/* Forget the manifest: build everything. */
static void
drop_old(struct build *b)
{
	size_t	 i;

	for (i = 0; i < b->nin; i++) {
		b->in[i].old = NULL;
		b->in[i].changed = 1;
	}
	if (b->plan.have_old)
		manifest_free(&b->old);
	b->plan.have_old = 0;
}

/* Replay the manifest's diagnostics: nothing changed. */
static void
report_old(struct build *b)
{
	size_t	 i;

	for (i = 0; i < b->old.ndocs; i++)
		diags_copy(b->d, &b->old.docs[i].parse);
	diags_copy(b->d, &b->old.site);
	for (i = 0; i < b->old.ndocs; i++)
		if (b->old.docs[i].ok)
			diags_copy(b->d, &b->old.docs[i].page);
	b->st->ndocs = 0;
	for (i = 0; i < b->old.ndocs; i++)
		b->st->ndocs += b->old.docs[i].ok != 0;
}

/* The real path of p (malloc'ed), through symbolic links and "..",
 * also when p, or its end, does not exist yet (an out/ to be made);
 * NULL when it cannot be found. */
static char *
real_path(const char *p)
{
	const char	*slash, *base;
	char		*parent, *r;
	size_t		 len = strlen(p);

	if ((r = realpath(p, NULL)) != NULL)
		return r;
	if (errno != ENOENT)
		return NULL;
	while (len > 1 && p[len - 1] == '/')
		len--;
	for (slash = p + len; slash > p && slash[-1] != '/'; slash--)
		continue;
	base = slash;
	if (slash == p)
		parent = xstrdup(".");
	else if (slash - 1 == p)
		parent = xstrdup("/");
	else
		parent = xstrndup(p, (size_t)(slash - 1 - p));
	r = strlen(parent) < len ? real_path(parent) : NULL;
	free(parent);
	if (r == NULL)
		return NULL;
	len -= (size_t)(base - p);
	if (len == 1 && base[0] == '.')
		return r;
	if (len == 2 && base[0] == '.' && base[1] == '.') {
		if ((parent = strrchr(r, '/')) != NULL)
			parent[parent == r ? 1 : 0] = '\0';
		return r;
	}
	parent = r;
	r = xmalloc(strlen(parent) + len + 2);
	sprintf(r, "%s%s%.*s", parent, strcmp(parent, "/") ? "/" : "",
	    (int)len, base);
	free(parent);
	return r;
}

/* Is the real path a inside b, or the same? */
static int
path_within(const char *a, const char *b)
{
	size_t	 n = strlen(b);

	return strcmp(b, "/") == 0 || (strncmp(a, b, n) == 0 &&
	    (a[n] == '\0' || a[n] == '/'));
}

/* Are cfg's content, templates and output folders apart (compared by
 * real path: an out/ inside content/ was read back as input, a
 * content/ inside out/ was deleted by the build)?  Return 0, or -1
 * after adding an error naming both of a pair that overlaps. */
int
config_folders_apart(const struct config *cfg, struct diags *d)
{
	const char	*name[3] = { "content", "templates", "output" };
	const char	*dir[3];
	char		*real[3];
	int		 i, j, rc = 0;

	dir[0] = cfg->content_dir;
	dir[1] = cfg->templates_dir;
	dir[2] = cfg->out_dir;
	for (i = 0; i < 3; i++)
		real[i] = dir[i] != NULL ? real_path(dir[i]) : NULL;
	for (i = 0; i < 3; i++)
		for (j = i + 1; j < 3; j++) {
			if (real[i] == NULL || real[j] == NULL ||
			    (!path_within(real[i], real[j]) &&
			    !path_within(real[j], real[i])))
				continue;
			diag_add(d, cfg->path ? cfg->path : "gen", 0, 0,
			    SEV_ERROR, "the %s folder %s (%s) and the %s "
			    "folder %s (%s) overlap: %s; they must be apart",
			    name[i], dir[i], real[i], name[j], dir[j],
			    real[j], strcmp(real[i], real[j]) == 0 ?
			    "they are the same folder" :
			    path_within(real[i], real[j]) ? "the first is "
			    "inside the second" : "the second is inside the "
			    "first");
			rc = -1;
		}
	for (i = 0; i < 3; i++)
		free(real[i]);
	return rc;
}

/* Plan the build (b->plan): the manifest used when out/ has one made
 * in the same environment, else a full build; the content files
 * (from the manifest's list when no folder moved) matched with it;
 * nothing to do when none changed and out/ is as the last build left
 * it. */
static void
plan(struct build *b)
{
	struct plan	*p = &b->plan;
	size_t		 nchanged;

	read_old(b);
	plan_env(b);
	if (p->have_old && b->old.env != b->env) {
		manifest_free(&b->old);
		p->have_old = 0;
	}
	p->mode = p->have_old ? BUILD_INCREMENTAL : BUILD_FULL;
	if (!p->have_old || files_known(&b->old, b->cfg->content_dir,
	    jobs_wanted(b->opts), &b->files, &b->dirs) == -1)
		p->scan_failed = files_scan(b->cfg->content_dir, 1,
		    jobs_wanted(b->opts), &b->files, &b->dirs, b->d) == -1;
	nchanged = plan_inputs(b);
	if (is_full(b))
		return;
	if (outdir_touched(&b->od, b->old.dirs, b->old.ndirs)) {
		p->touched = 1;
		if (nchanged == 0) {
			changed_note(b, b->od.out);
			nchanged++;
		}
	}
	if (nchanged == 0)
		p->mode = BUILD_NOTHING;
}

/* Start b, a build of cfg's site (opts may be NULL), st zeroed, its
 * out/ opened.  Return 0, or -1 after adding an error to d (b freed). */
static int
build_init(struct build *b, const struct config *cfg,
    const struct build_opts *opts, struct build_stats *st, struct diags *d)
{
	memset(b, 0, sizeof(*b));
	memset(st, 0, sizeof(*st));
	pthread_mutex_init(&b->maplock, NULL);
	atomic_init(&b->mapped, 0);
	atomic_init(&b->failed, 0);
	b->cfg = cfg;
	b->opts = opts;
	b->st = st;
	b->d = d;
	b->start_ns = now_ns();
	if (outdir_open(&b->od, cfg->out_dir, cfg->path, d) == -1 ||
	    config_folders_apart(cfg, d) == -1) {
		build_free(b);
		return -1;
	}
	return 0;
}

/* Build the content folder's site into cfg->out_dir. */
int
build_update(const struct config *cfg, const struct build_opts *opts,
    struct build_stats *st, struct diags *d)
{
	struct build	 b;
	struct stat	 cst;
	int		 rc = -1, err;

	if (build_init(&b, cfg, opts, st, d) == -1)
		return -1;
	/* No content folder: never an empty site in place of the one
	 * there. */
	err = stat(cfg->content_dir, &cst) == -1 ? errno :
	    !S_ISDIR(cst.st_mode) ? ENOTDIR : 0;
	if (err != 0) {
		diag_add(d, cfg->content_dir, 0, 0, SEV_ERROR,
		    "cannot open folder: %s", strerror(err));
		build_free(&b);
		return -1;
	}
	outdir_lock(&b.od);
	b.more.m = &b.old;
	b.more.sums = b.od.sums;
	plan(&b);
	st->mode = b.plan.mode;
	if (b.plan.mode == BUILD_NOTHING) {
		report_old(&b);
		rc = write_depfile(&b);
		goto out;
	}
	workers_init(&b);
	more_start(&b);
	rc = run(&b);
	report(&b);
	if (rc == 0)
		rc = write_depfile(&b);
out:
	build_free(&b);
	return rc;
}

static int
doc_source_cmp(const void *a, const void *b)
{
	return strcmp((*(struct doc *const *)a)->source,
	    (*(struct doc *const *)b)->source);
}

/* Build the site of docs already loaded, from scratch, no manifest. */
int
build_docs(const struct config *cfg, struct doc **docs, size_t n,
    struct diags *d)
{
	struct build		 b;
	struct build_stats	 st;
	struct doc		**sorted;
	size_t			 i;
	int			 rc;

	if (build_init(&b, cfg, NULL, &st, d) == -1)
		return -1;
	b.plan.mode = BUILD_FULL;
	sorted = xcalloc(n + 1, sizeof(*sorted));
	memcpy(sorted, docs, n * sizeof(*sorted));
	if (n > 1)
		qsort(sorted, n, sizeof(*sorted), doc_source_cmp);
	b.files.v = xcalloc(n + 1, sizeof(*b.files.v));
	b.files.n = b.files.cap = n;
	for (i = 0; i < n; i++)
		b.files.v[i].path = xstrdup(sorted[i]->source);
	workers_init(&b);
	b.nin = n;
	b.in = xcalloc(n + 1, sizeof(*b.in));
	for (i = 0; i < n; i++) {
		b.in[i].f = &b.files.v[i];
		b.in[i].doc = sorted[i];
		b.in[i].changed = 1;
	}
	free(sorted);
	rc = run(&b);
	report(&b);
	buf_free(&st.changed);
	build_free(&b);
	return rc;
}
