/*
 * build_int.h — internals of the build layer (build.c, manifest.c,
 * pack.c, mirror.c, publish.c, watch.c), shared by its files and the
 * tests only.
 */
#ifndef GEN_BUILD_INT_H
#define GEN_BUILD_INT_H

#include "build/build.h"
#include "mustache/mustache.h"
#include "parse/parse.h"
#include "site/site.h"

/* pdfdriver.c (made by the Makefile from gen/build/pdf.py): the Python
 * program pdf.c runs with WeasyPrint's Python. */
extern const char pdf_driver[];

/* build.c */
/* Build the site of docs (n, any order, already loaded) into
 * cfg->out_dir from scratch, as build_update() does, without a manifest
 * (the next build_update() builds everything).  Return 0 or -1. */
int	 build_docs(const struct config *, struct doc **docs, size_t n,
	    struct diags *d);

struct mout;

/* mirror.c — the output folder, its lock, the fresh folder of a full
 * build and the hidden mirror of incremental ones (see mirror.c). */
struct outdir {
	struct arena	 a;
	char		*out;		/* cfg->out_dir without trailing '/' */
	char		*parent;	/* the folder that holds it */
	char		*name;
	char		*stage;		/* OUT.tmp.PID */
	char		*shadow;	/* PARENT/.NAME.gen-shadow */
	char		*manifest;	/* OUT/.gen-manifest */
	char		*sums;		/* OUT/.gen-summaries */
	int		 lockfd;
};

/* Paths from out_dir: 0, or -1 after adding an error (bad name). */
int	 outdir_open(struct outdir *, const char *out_dir,
	    const char *cfgpath, struct diags *d);
/* Lock the output (one build at a time); remove leftovers of killed
 * builds beside it. */
void	 outdir_lock(struct outdir *);
void	 outdir_close(struct outdir *);
/* A fresh OUT.tmp.PID with the site's folders: 0, or -1 (error added). */
int	 outdir_stage(struct outdir *, struct diags *d);
/* Is one of the folders dirs[0..n) of out/ ("" itself) newer than its
 * manifest, or gone: changed by another hand? */
int	 outdir_touched(struct outdir *, const char *const *dirs, size_t n);
/* Date out/'s manifest now (after gen's last change to out/). */
void	 outdir_date(struct outdir *);
/* Is the mirror a true copy of out/ (its manifest out/'s very file)? */
int	 shadow_clean(struct outdir *);
/* Make the mirror again from out/ (outputs outs[0..n) and summaries),
 * dirty; missing[i] (may be NULL) set for outputs not in out/.  Return
 * how many are missing, or -1 after adding an error. */
long	 shadow_mirror(struct outdir *, const struct mout *outs, size_t n,
	    unsigned char *missing, struct diags *d);
/* Mark the mirror dirty before writing it: 0, or -1 (error added). */
int	 shadow_dirty(struct outdir *, struct diags *d);
/* The dirty mirror renamed OUT.tmp.PID while written: 0, or -1 (error
 * added); shadow_put() names it back. */
int	 shadow_take(struct outdir *, struct diags *d);
void	 shadow_put(struct outdir *);
/* After the exchange: the mirror a true copy again, from the outputs
 * written and removed by the build (left dirty on any failure). */
void	 shadow_sync(struct outdir *, const char *const *written, size_t nw,
	    const char *const *removed, size_t nr);
/* Remove from the mirror all but the outputs keep[] and folders dirs[].
 * Return 0, or -1 when it cannot be trusted. */
int	 shadow_strays(struct outdir *, const char *const *keep, size_t nk,
	    const char *const *dirs, size_t nd);
/* Remove the mirror (of a site a full build replaced). */
void	 shadow_drop(struct outdir *);

/* publish.c — folders for an atomic publish.  tree_remove() is in
 * build.h. */
/* Copy the regular files under src (recursively, dot files skipped)
 * into dst, creating folders.  Return 0, or -1 after adding an error. */
int	 tree_copy(const char *src, const char *dst, struct diags *d);
/* Swap the finished folder tmp into place as out: out must be absent,
 * empty or hold the marker file SITE_MARKER of an earlier build.
 * Return 0, or -1 after adding an error (out is then untouched). */
int	 tree_swap(const char *tmp, const char *out, struct diags *d);
/* tree_swap(), carrying the folders keep[] (NULL-terminated, may be
 * NULL) of the previous out over into the new one first; the swap is
 * one exchange. */
int	 tree_publish(const char *tmp, const char *out,
	    const char *const *keep, struct diags *d);
/* Write data[0..len) to path as a new file, straight (for a folder not
 * published yet).  Return 0, or -1 with errno. */
int	 file_create(const char *path, const char *data, size_t len);
/* Write path with data[0..len), the bytes read from the file from
 * (NULL: none): copied in the kernel (copy_file_range) where it can,
 * else written from data; straight, or through a temporary and
 * rename(2) when atomic.  Return 0, or -1 with errno. */
int	 file_copy(const char *from, const char *path, const char *data,
	    size_t len, int atomic);
/* Test hook: non-zero makes file_copy() write from memory, as when the
 * kernel refuses copy_file_range. */
extern int file_copy_nokernel;
/* Make dst (absent) a tree of hard links to the files rel[0..n) of src
 * that exist, creating folders.  Return 0, or -1 after adding an
 * error. */
int	 tree_mirror(const char *src, const char *dst,
	    const char *const *rel, size_t n, struct diags *d);
/* Exchange folders a and b in one step (RENAME_EXCHANGE; a file system
 * without it is an error).  Return 0, or -1 after adding an error. */
int	 tree_exchange(const char *a, const char *b, struct diags *d);
/* Put hard-linked copies of the folders keep[] (NULL-terminated) of
 * site from into site to, replacing its own: before a swap.  Return 0,
 * or -1 after adding an error. */
int	 tree_carry(const char *from, const char *to,
	    const char *const *keep, struct diags *d);
/* Leftovers OUT.tmp.PID, OUT.old.PID: gen's only when marked beside
 * (PARENT/.NAME.gen-leftover).  Is path marked? */
int	 leftover_ours(const char *path);
/* Mark path (before it takes the name): 0, or -1 (error added). */
int	 leftover_mark(const char *path, struct diags *d);
void	 leftover_unmark(const char *path);
/* Remove a marked leftover at path (refuse an unmarked folder), then
 * mark path for gen's use: 0, or -1 (error added). */
int	 leftover_clear(const char *path, struct diags *d);
/* Remove gen's folder path, then its marker: 0, or -1 (error added). */
int	 leftover_remove(const char *path, struct diags *d);
/* Test hook: SIGKILL self when $GEN_TEST_STOP is point. */
void	 test_stop(const char *point);
#define SITE_MARKER ".gen-site"

/* ------------------------------------------------------------------ */
/* manifest.c — input scans, the manifest, make's depfile              */
/* ------------------------------------------------------------------ */

/* A file seen by a scan. */
struct finfo {
	char		*path;		/* owned */
	uint64_t	 size;
	int64_t		 mtime;		/* nanoseconds; -1 when unknown */
	uint64_t	 ino;
};

struct flist {
	struct finfo	*v;
	size_t		 n;
	size_t		 cap;
};

/* Is name a content file (.txt, .md, .markdown; not a dot file)? */
int	 is_content_name(const char *name);
/* Append the files under top (content files only when content; dot
 * entries skipped; links to folders not followed; a link to a file is
 * seen as its target) to files, and when dirs is not NULL its folders
 * (top too) to dirs, each sorted by path; a large folder is stat'ed on
 * up to threads threads.  Return 0, or -1 after adding an error for a
 * folder that cannot be read. */
int	 files_scan(const char *top, int content, int threads,
	    struct flist *files, struct flist *dirs, struct diags *d);
void	 flist_free(struct flist *);
/* The templates of a site: site's files over builtin's (may be NULL or
 * absent), into files; both's folders into dirs; sorted.  Return 0, or
 * -1 after adding an error. */
int	 templates_scan(const char *site, const char *builtin,
	    struct flist *files, struct flist *dirs, struct diags *d);

/* An input file as the manifest records it. */
struct mfile {
	const char	*path;
	uint64_t	 size;
	int64_t		 mtime;		/* -1: hash it again next time */
	uint64_t	 ino;
	uint64_t	 hash;
};

/* A document: its file, its diagnostics, and its summary when it was
 * read (ok). */
struct mdoc {
	struct mfile	 f;
	const char	*slug;		/* its page's */
	const char	*slug_base;	/* the slug it wanted, if renamed */
	size_t		 oidx;		/* its first output, or MOUT_NONE */
	int		 ok;
	struct diags	 parse;		/* of reading and parsing it */
	struct diags	 page;		/* of rendering its page */
	struct summary	 sum;
	const char	*raw;		/* its summary's bytes in the file */
	uint64_t	 rawoff;
	uint64_t	 rawlen;
	int		 refs_read;	/* sum.refs is there */
	size_t		 nrefs;		/* its references, read or not */
};
/* An output file under out/ and its key.  A document's outputs are in
 * a row: page, JSON, source copy, UTF-8 copy (when it has one). */
#define MOUT_NONE	((size_t)-1)
struct mout {
	const char	*path;
	uint64_t	 key;
};

/*
 * OUT/.gen-manifest: the environment's hash (version of gen,
 * configuration, templates and assets), the template and content files
 * with stat data and hashes, each document's diagnostics, the site's
 * own diagnostics, and every output file with its key.  Beside it
 * OUT/.gen-summaries holds the summaries, written again only when one
 * changed.  Strings of a manifest that was read point into its files,
 * which stay mapped until manifest_free().
 */
struct manifest {
	const char	*map;		/* .gen-manifest, mapped */
	size_t		 maplen;
	const char	*sums_map;	/* .gen-summaries (manifest_more()) */
	size_t		 sums_len;
	uint64_t	 sums_id;	/* names the summaries file */
	const char	**dirs;		/* the folders of the outputs ("") */
	size_t		 ndirs;
	struct mfile	*cdirs;		/* the content folders (top first), */
	size_t		 ncdirs;	/* none when one could not be read */
	struct arena	 a;
	uint64_t	 env;
	struct mfile	*tpl;
	size_t		 ntpl;
	struct mdoc	*docs;		/* sorted by path */
	size_t		 ndocs;
	struct diags	 site;
	struct mout	*outs;		/* (manifest_more()) */
	size_t		 nouts;
	struct mgroup	*groups;	/* (manifest_more()) */
	size_t		 ngroups;
	size_t		 outs_at;	/* where the outputs are */
};

/* Read path into m (manifest_free() releases it), all but the
 * summaries and the outputs: what tells whether anything changed.
 * Return 0, or -1 when there is none or it is damaged or from another
 * version of gen (m is then empty). */
int	 manifest_read(const char *path, struct manifest *m);
/* The content folder top as m saw it, when none of its folders has
 * changed since: m's files stat'ed again (on up to threads threads)
 * into files and its folders into dirs, as files_scan() would give
 * them, without reading a folder.  Return 0, or -1 when a folder
 * changed or a file is gone (files and dirs left empty). */
int	 files_known(const struct manifest *m, const char *top, int threads,
	    struct flist *files, struct flist *dirs);
/* Read the outputs and annotations of m, and the summaries from the
 * file sums, their references only with refs.  Return 0, or -1 when
 * they are missing or damaged (then m is of no use: manifest_free()
 * it). */
int	 manifest_more(struct manifest *m, const char *sums, int refs);
/* Read the references of document i (0, or -1 when damaged). */
int	 manifest_refs(struct manifest *m, size_t i);
/* Write m to path and its summaries to sums (unless every summary is a
 * raw record inside m->sums_map already), each atomically.  Only reads
 * m.  Return 0, or -1 with errno. */
int	 manifest_write(const char *path, const char *sums,
	    const struct manifest *m);
void	 manifest_free(struct manifest *);
/* Write "target: inputs…" and an empty rule per input to path, unless
 * it holds exactly that already.  Return 0, or -1 after adding an
 * error to d. */
int	 depfile_write(const char *path, const char *target,
	    const char *const *inputs, size_t n, struct diags *d);

/* ------------------------------------------------------------------ */
/* pack.c — a document tree as bytes and back                          */
/* ------------------------------------------------------------------ */

/* The binary form of a packed tree and of the manifest, read with one
 * cursor: native integers; a string is its 32-bit length (BIN_NOSTR for
 * NULL), its bytes and a NUL, so what is read points into the data.  A
 * read that runs past end sets bad and gives 0 or NULL. */
#define BIN_NOSTR	0xFFFFFFFFu
struct bin {
	const char	*p;
	const char	*end;
	int		 bad;
};
/* Copy n bytes to to (zeros when they are not there); 0 or -1. */
int		 bin_take(struct bin *, void *to, size_t n);
uint32_t	 bin_u32(struct bin *);
uint64_t	 bin_u64(struct bin *);
/* A string pointing into the data, or NULL (BIN_NOSTR, or bad). */
const char	*bin_str(struct bin *);
/* Bytes written as a string (any bytes, NUL too): *len of them, or
 * NULL (and 0). */
const char	*bin_bytes(struct bin *, size_t *len);
/* A count of records of at least min bytes each that can still fit. */
size_t		 bin_count(struct bin *, size_t min);

/*
 * bin.c — the one writer of that form.  Fields are appended to *b; with
 * a sink, b's bytes are handed to sink(arg, bytes, len) whenever it
 * holds BINW_PIECE of them and at binw_flush() (b emptied each time),
 * and a run of BINW_PIECE bytes or more goes to the sink straight.  off
 * counts every byte put.  After a sink failed nothing more goes to it
 * and failed keeps its errno, which binw_flush() returns.
 */
#define BINW_PIECE	(64 * 1024)
struct binw {
	struct buf	*b;
	int		(*sink)(void *, const char *, size_t);
	void		*arg;
	uint64_t	 off;		/* bytes put */
	int		 failed;	/* errno of the sink's failure, or 0 */
};
void	 binw_init(struct binw *, struct buf *,
	    int (*sink)(void *, const char *, size_t), void *arg);
void	 binw_put_long(struct binw *, const void *, size_t);
/* Hand what the buffer holds to the sink; 0, or -1 with errno when the
 * sink failed (now or before). */
int	 binw_flush(struct binw *);

/* Put p[0..n) (inline: the common case is a copy into the buffer). */
static inline void
binw_put(struct binw *w, const void *p, size_t n)
{
	w->off += n;
	if (n >= BINW_PIECE)
		binw_put_long(w, p, n);
	else {
		buf_put(w->b, p, n);
		if (w->sink != NULL && w->b->len >= BINW_PIECE)
			binw_flush(w);
	}
}

static inline void
binw_u32(struct binw *w, uint32_t v)
{
	binw_put(w, &v, sizeof(v));
}

static inline void
binw_u64(struct binw *w, uint64_t v)
{
	binw_put(w, &v, sizeof(v));
}

/* A string: its length (BIN_NOSTR for NULL), its bytes and a NUL. */
void	 binw_str(struct binw *, const char *);
/* s[0..n), any bytes, as a string is put (NULL: none). */
void	 binw_bytes(struct binw *, const char *, size_t);
/* The number of bytes binw_str() puts for s. */
uint64_t binw_str_size(const char *);

/* Append doc in packed form to out. */
void	 doc_pack(const struct doc *, struct buf *out);
/* The same handed to put(arg, data, len) in pieces through out (left
 * empty); 0, or -1 when put failed. */
int	 doc_pack_put(const struct doc *, struct buf *out,
	    int (*put)(void *, const char *, size_t), void *arg);
/* The document packed in data[0..len), named source (the caller frees
 * it with doc_free()), or NULL when the data is damaged. */
struct doc *doc_unpack(const char *source, const char *data, size_t len);
/* doc_unpack() of the len bytes at off of file fd, read a piece at a
 * time (the packed bytes are never held whole). */
struct doc *doc_unpack_file(const char *source, int fd, uint64_t off,
	    size_t len);

#endif /* GEN_BUILD_INT_H */
