/*
 * manifest.c — what an incremental build remembers and how it sees
 * change: a scan of the input folders with their stat data, the
 * manifest file (out/.gen-manifest) and make's depfile (the hash it
 * uses is core/hash.c's).
 *
 * The manifest is a private binary file, native byte order (it never
 * leaves the machine): anything unexpected in it reads as "no
 * manifest", which costs a full build and nothing else.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build/build_int.h"

/* ---- Scanning folders ---- */

/* Is name a content file: .txt, .md or .markdown, not a dot file? */
int
is_content_name(const char *name)
{
	const char	*dot = strrchr(name, '.');

	return name[0] != '.' && dot != NULL && (strcmp(dot, ".txt") == 0 ||
	    strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0);
}

static void
finfo_stat(struct finfo *f, const struct stat *st)
{
	f->size = (uint64_t)st->st_size;
	f->mtime = (int64_t)st->st_mtim.tv_sec * 1000000000 +
	    st->st_mtim.tv_nsec;
	f->ino = (uint64_t)st->st_ino;
}

/* The stat data of g into f (its path kept). */
static void
finfo_copy(struct finfo *f, const struct finfo *g)
{
	f->size = g->size;
	f->mtime = g->mtime;
	f->ino = g->ino;
}

static void
flist_add(struct flist *l, char *path, const struct stat *st)
{
	struct finfo	*f;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	f = &l->v[l->n++];
	f->path = path;
	if (st != NULL)
		finfo_stat(f, st);
	else {
		f->size = 0;
		f->mtime = -1;
		f->ino = 0;
	}
}

static int
finfo_ptr_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct finfo *const *)a)->path,
	    (*(const struct finfo *const *)b)->path);
}

/* Sort l by path: pointers sorted, then the entries moved once (qsort
 * would copy the 32-byte entries at every step). */
static void
flist_sort(struct flist *l)
{
	struct finfo	**p, *v;
	size_t		  i;

	if (l->n < 2)
		return;
	p = xcalloc(l->n, sizeof(*p));
	for (i = 0; i < l->n; i++)
		p[i] = &l->v[i];
	qsort(p, l->n, sizeof(*p), finfo_ptr_cmp);
	v = xcalloc(l->cap, sizeof(*v));
	for (i = 0; i < l->n; i++)
		v[i] = *p[i];
	free(p);
	free(l->v);
	l->v = v;
}

static char *
join(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b);
	char	*p = xmalloc(la + lb + 2);

	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

/* One entry of a folder and what lstat (and, for a link, stat) said
 * of it. */
struct dent {
	const char	*name;		/* in the folder's name buffer */
	int		 ok;		/* lstat succeeded */
	int		 tok;		/* a link whose target stat succeeded */
	mode_t		 mode;		/* lstat's */
	struct finfo	 fi;		/* path unset; the target's for a link */
};

/* A folder's entries, stat'ed in chunks over threads. */
struct dscan {
	int		 fd;
	struct dent	*v;
	size_t		 n;
};

#define SCAN_CHUNK	256	/* entries a thread stats at a time */

static void
dscan_chunk(void *arg, int worker, size_t chunk)
{
	struct dscan	*ds = arg;
	struct dent	*e;
	struct stat	 st;
	size_t		 i, end = (chunk + 1) * SCAN_CHUNK;

	(void)worker;
	for (i = chunk * SCAN_CHUNK; i < end && i < ds->n; i++) {
		e = &ds->v[i];
		if (fstatat(ds->fd, e->name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		e->ok = 1;
		e->mode = st.st_mode;
		if (S_ISLNK(st.st_mode)) {
			if (fstatat(ds->fd, e->name, &st, 0) == -1)
				continue;
			e->tok = 1;
		}
		finfo_stat(&e->fi, &st);
	}
}

/* Read the folder dir's entries worth a look into ds (names into
 * *names): dot entries skipped, so are regular files other than
 * content files when content.  Then stat them, on up to threads
 * threads when there are many. */
static void
dscan_read(struct dscan *ds, DIR *dir, int content, int threads,
    struct buf *names)
{
	struct pool_job	 j;
	struct dirent	*e;
	size_t		*off = NULL, cap = 0, i;

	ds->fd = dirfd(dir);
	ds->n = 0;
	names->len = 0;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (e->d_type == DT_REG && content &&
		    !is_content_name(e->d_name))
			continue;
		if (ds->n == cap) {
			cap = cap ? cap * 2 : 64;
			off = xreallocarray(off, cap, sizeof(*off));
		}
		off[ds->n++] = names->len;
		buf_put(names, e->d_name, strlen(e->d_name) + 1);
	}
	ds->v = xcalloc(ds->n + 1, sizeof(*ds->v));
	for (i = 0; i < ds->n; i++)
		ds->v[i].name = names->data + off[i];
	free(off);
	memset(&j, 0, sizeof(j));
	j.fn = dscan_chunk;
	j.arg = ds;
	j.n = (ds->n + SCAN_CHUNK - 1) / SCAN_CHUNK;
	j.threads = threads;
	pool_run(&j);
}

/* Walk the folder top (not following links to folders, dot entries
 * skipped) iteratively: its files (content files only when content)
 * into files, its folders (top too) into dirs (may be NULL), both
 * sorted by path.  A large folder's entries are stat'ed on up to
 * threads threads.  Return 0, or -1 after adding an error for a folder
 * that cannot be read (the rest is still scanned). */
int
files_scan(const char *top, int content, int threads, struct flist *files,
    struct flist *dirs, struct diags *d)
{
	struct flist	 todo = { NULL, 0, 0 }, seen = { NULL, 0, 0 };
	struct buf	 names = BUF_INIT;
	struct dscan	 ds;
	struct dent	*e;
	struct stat	 st;
	DIR		*dir;
	char		*path;
	size_t		 i;
	int		 rc = 0;

	if (stat(top, &st) == -1) {
		diag_add(d, top, 0, 0, SEV_ERROR, "cannot open folder: %s",
		    strerror(errno));
		return -1;
	}
	flist_add(&todo, xstrdup(top), &st);
	while (todo.n > 0) {
		todo.n--;
		path = todo.v[todo.n].path;
		if ((dir = opendir(path)) == NULL) {
			diag_add(d, path, 0, 0, SEV_ERROR,
			    "cannot open folder: %s", strerror(errno));
			free(path);
			rc = -1;
			continue;
		}
		if (fstat(dirfd(dir), &st) == 0)
			flist_add(&seen, path, &st);
		else
			flist_add(&seen, path, NULL);
		dscan_read(&ds, dir, content, threads, &names);
		for (i = 0; i < ds.n; i++) {
			e = &ds.v[i];
			if (!e->ok)
				continue;
			if (S_ISDIR(e->mode))
				flist_add(&todo, join(path, e->name), NULL);
			else if ((S_ISREG(e->mode) || S_ISLNK(e->mode)) &&
			    (!content || is_content_name(e->name))) {
				flist_add(files, join(path, e->name), NULL);
				if (S_ISREG(e->mode) || e->tok)
					finfo_copy(&files->v[files->n - 1],
					    &e->fi);
			}
		}
		free(ds.v);
		closedir(dir);
	}
	buf_free(&names);
	free(todo.v);
	flist_sort(files);
	if (dirs != NULL) {
		flist_sort(&seen);
		*dirs = seen;
	} else
		flist_free(&seen);
	return rc;
}

int
content_files(const char *top, void (*fn)(void *, char *), void *arg,
    struct diags *d)
{
	struct flist	 l = { NULL, 0, 0 };
	size_t		 i;
	int		 rc;

	rc = files_scan(top, 1, 1, &l, NULL, d);
	for (i = 0; i < l.n; i++)
		fn(arg, l.v[i].path);
	free(l.v);
	return rc;
}

/* Is path in l (sorted by path)? */
static int
flist_has(const struct flist *l, const char *path)
{
	size_t	 lo = 0, hi = l->n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(l->v[mid].path, path)) == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The templates a site sees: the files under site, then those under
 * builtin (may be NULL or absent) whose name relative to builtin site
 * lacks (Hugo's lookup order), into files; the folders of both into
 * dirs.  A missing site folder is an error only without builtin.
 * Return 0, or -1 after adding an error. */
int
templates_scan(const char *site, const char *builtin, struct flist *files,
    struct flist *dirs, struct diags *d)
{
	struct flist	 bf = { NULL, 0, 0 }, bd = { NULL, 0, 0 };
	struct stat	 st;
	size_t		 i, blen;
	char		*mine;
	int		 rc = 0, have_b;

	have_b = builtin != NULL && stat(builtin, &st) == 0 &&
	    S_ISDIR(st.st_mode);
	if (!have_b || stat(site, &st) == 0)
		rc = files_scan(site, 0, 1, files, dirs, d);
	if (!have_b)
		return rc;
	if (files_scan(builtin, 0, 1, &bf, &bd, d) == -1)
		rc = -1;
	blen = strlen(builtin);
	for (i = 0; i < bf.n; i++) {
		mine = join(site, bf.v[i].path + blen + 1);
		if (flist_has(files, mine))
			free(bf.v[i].path);
		else {
			flist_add(files, bf.v[i].path, NULL);
			finfo_copy(&files->v[files->n - 1], &bf.v[i]);
		}
		free(mine);
	}
	for (i = 0; i < bd.n; i++) {
		flist_add(dirs, bd.v[i].path, NULL);
		finfo_copy(&dirs->v[dirs->n - 1], &bd.v[i]);
	}
	free(bf.v);
	free(bd.v);
	flist_sort(files);
	flist_sort(dirs);
	return rc;
}

/* Files stat'ed again: a file's folder is opened once for a run of
 * its files. */
struct restat {
	struct flist	*files;
	atomic_int	 gone;
	unsigned char	*ok;		/* NULL: a failure is gone, else 1
					 * for each file stat'ed */
};

static void
restat_chunk(void *arg, int worker, size_t chunk)
{
	struct restat	*r = arg;
	struct finfo	*f;
	struct stat	 st;
	const char	*base, *dir = NULL;
	size_t		 i, end = (chunk + 1) * SCAN_CHUNK, dlen = 0;
	char		*p;
	int		 fd = -1;

	(void)worker;
	for (i = chunk * SCAN_CHUNK; i < end && i < r->files->n; i++) {
		f = &r->files->v[i];
		base = strrchr(f->path, '/');
		if (base == NULL || atomic_load(&r->gone))
			break;
		if (dir == NULL || (size_t)(base - f->path) != dlen ||
		    memcmp(f->path, dir, dlen) != 0) {
			if (fd != -1)
				close(fd);
			dir = f->path;
			dlen = (size_t)(base - f->path);
			p = xstrndup(dir, dlen);
			fd = open(dlen ? p : "/", O_RDONLY | O_DIRECTORY |
			    O_CLOEXEC);
			free(p);
		}
		if (r->ok != NULL) {
			if (fd != -1 && fstatat(fd, base + 1, &st, 0) == 0) {
				finfo_stat(f, &st);
				r->ok[i] = 1;
			}
			continue;
		}
		if (fd == -1 || fstatat(fd, base + 1, &st, 0) == -1 ||
		    S_ISDIR(st.st_mode)) {
			atomic_store(&r->gone, 1);
			break;
		}
		finfo_stat(f, &st);
	}
	if (fd != -1)
		close(fd);
}

/*
 * A content folder some of whose folders changed: its folders are read
 * (names and types only, no stat) on one thread while the files the
 * manifest knows are stat'ed on the others; the two lists are then
 * merged, and only names the manifest did not know are stat'ed after.
 */
struct relist {
	const char	*top;
	struct flist	 files;		/* content files, unsorted */
	struct flist	 dirs;		/* folders, with their stat data */
	int		 failed;	/* a folder unread, a type unknown */
	struct restat	 r;		/* of the manifest's files */
};

/* Read the folders under l->top into l->files and l->dirs. */
static void
relist_read(struct relist *l)
{
	struct flist	 todo = { NULL, 0, 0 };
	struct dirent	*e;
	struct stat	 st;
	DIR		*dir;
	char		*path;

	flist_add(&todo, xstrdup(l->top), NULL);
	while (todo.n > 0 && !l->failed) {
		path = todo.v[--todo.n].path;
		if ((dir = opendir(path)) == NULL ||
		    fstat(dirfd(dir), &st) == -1) {
			if (dir != NULL)
				closedir(dir);
			free(path);
			l->failed = 1;
			break;
		}
		flist_add(&l->dirs, path, &st);
		while ((e = readdir(dir)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (e->d_type == DT_DIR)
				flist_add(&todo, join(path, e->d_name), NULL);
			else if (e->d_type == DT_UNKNOWN)
				l->failed = 1;
			else if ((e->d_type == DT_REG || e->d_type == DT_LNK) &&
			    is_content_name(e->d_name))
				flist_add(&l->files, join(path, e->d_name),
				    NULL);
		}
		closedir(dir);
	}
	while (todo.n > 0)
		free(todo.v[--todo.n].path);
	free(todo.v);
}

static void
relist_item(void *arg, int worker, size_t item)
{
	struct relist	*l = arg;

	if (item == 0)
		relist_read(l);
	else
		restat_chunk(&l->r, worker, item - 1);
}

/* Add path, read from a folder, with its target's stat data, as
 * files_scan() would: a link whose target is missing without, an
 * entry gone since not at all. */
static void
relist_add(struct flist *files, char *path)
{
	struct stat	 st;

	if (stat(path, &st) == 0)
		flist_add(files, path, &st);
	else if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		flist_add(files, path, NULL);
	else
		free(path);
}

static int
files_relist(const struct manifest *m, const char *top, int threads,
    struct flist *files, struct flist *dirs)
{
	struct relist	 l;
	struct flist	 known = { NULL, 0, 0 };
	struct pool_job	 j;
	struct finfo	*f;
	size_t		 i, k = 0;
	int		 c;

	memset(&l, 0, sizeof(l));
	l.top = top;
	/* The manifest's paths, borrowed. */
	known.v = xcalloc(m->ndocs + 1, sizeof(*known.v));
	for (i = 0; i < m->ndocs; i++)
		known.v[i].path = (char *)m->docs[i].f.path;
	known.n = known.cap = m->ndocs;
	l.r.files = &known;
	atomic_init(&l.r.gone, 0);
	l.r.ok = xcalloc(known.n + 1, 1);
	memset(&j, 0, sizeof(j));
	j.fn = relist_item;
	j.arg = &l;
	j.n = 1 + (known.n + SCAN_CHUNK - 1) / SCAN_CHUNK;
	j.threads = threads;
	pool_run(&j);
	if (l.failed) {
		flist_free(&l.files);
		flist_free(&l.dirs);
		free(known.v);
		free(l.r.ok);
		return -1;
	}
	flist_sort(&l.files);
	for (i = 0; i < l.files.n; i++) {
		f = &l.files.v[i];
		c = 1;
		while (k < known.n &&
		    (c = strcmp(known.v[k].path, f->path)) < 0)
			k++;
		if (c == 0 && l.r.ok[k]) {
			flist_add(files, f->path, NULL);
			finfo_copy(&files->v[files->n - 1], &known.v[k]);
		} else
			relist_add(files, f->path);
	}
	free(l.files.v);
	flist_sort(&l.dirs);
	*dirs = l.dirs;
	free(known.v);
	free(l.r.ok);
	return 0;
}

/* The content folder top as manifest m saw it, when none of its
 * folders changed since (their mtimes the same, so their entries are):
 * m's files stat'ed again into files (on up to threads threads), its
 * folders into dirs, without reading a folder.  When some changed, the
 * folders are read while the manifest's files are stat'ed.  Return 0;
 * or -1 when m saw another folder, a folder cannot be read or a type
 * is unknown, and files and dirs are left empty (files_scan() then). */
int
files_known(const struct manifest *m, const char *top, int threads,
    struct flist *files, struct flist *dirs)
{
	struct restat	 r;
	struct pool_job	 j;
	struct stat	 st;
	struct finfo	 now;
	size_t		 i;

	if (m->ncdirs == 0 || strcmp(m->cdirs[0].path, top) != 0)
		return -1;
	for (i = 0; i < m->ncdirs; i++) {
		if (m->cdirs[i].mtime == -1 ||
		    stat(m->cdirs[i].path, &st) == -1 || !S_ISDIR(st.st_mode))
			break;
		finfo_stat(&now, &st);
		if (now.ino != m->cdirs[i].ino ||
		    now.mtime != m->cdirs[i].mtime)
			break;
		flist_add(dirs, xstrdup(m->cdirs[i].path), &st);
	}
	if (i < m->ncdirs) {
		flist_free(dirs);
		return files_relist(m, top, threads, files, dirs);
	}
	for (i = 0; i < m->ndocs; i++)
		flist_add(files, xstrdup(m->docs[i].f.path), NULL);
	r.files = files;
	r.ok = NULL;
	atomic_init(&r.gone, 0);
	memset(&j, 0, sizeof(j));
	j.fn = restat_chunk;
	j.arg = &r;
	j.n = (files->n + SCAN_CHUNK - 1) / SCAN_CHUNK;
	j.threads = threads;
	pool_run(&j);
	if (atomic_load(&r.gone)) {
		flist_free(files);
		flist_free(dirs);
		return -1;
	}
	return 0;
}

void
flist_free(struct flist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- Writing the manifest ---- */

/*
 * Two files.  OUT/.gen-manifest: a header; the template files; per
 * document its file, its diagnostics and where its summary is; the
 * site's diagnostics; the outputs.  OUT/.gen-summaries: an id (the
 * manifest names it) and the summaries, which only a build that changes
 * something reads, and which is written again only when a summary
 * changed (an edit inside a document's text does not change it).
 * Integers are native; a string is its length (BIN_NOSTR for NULL), its
 * bytes and a NUL, so that a read manifest points into its mapping.
 */
#define MANIFEST_MAGIC	"GENMANI4"
#define SUMS_MAGIC	"GENSUMS4"
#define MANIFEST_FORMAT	18u
#define MANIFEST_END	"END."

/* A writer: the binary writer (bin.c) with the file as its sink. */
struct wr {
	struct binw	 w;
	struct buf	 b;
	int		 fd;
};

/* The writer's sink: p[0..n) to the file.  Return 0, or -1 with errno. */
static int
wr_sink(void *arg, const char *p, size_t n)
{
	return fd_write_all(((struct wr *)arg)->fd, p, n);
}

static void
put_file(struct binw *w, const struct mfile *f)
{
	binw_str(w, f->path);
	binw_u64(w, f->size);
	binw_u64(w, (uint64_t)f->mtime);
	binw_u64(w, f->ino);
	binw_u64(w, f->hash);
}

static void
put_diags(struct binw *w, const struct diags *d)
{
	size_t	 i;

	binw_u32(w, (uint32_t)d->n);
	for (i = 0; i < d->n; i++) {
		binw_str(w, d->v[i].file);
		binw_u32(w, (uint32_t)d->v[i].line);
		binw_u32(w, (uint32_t)d->v[i].col);
		binw_u32(w, (uint32_t)d->v[i].sev);
		binw_str(w, d->v[i].msg);
		binw_str(w, d->v[i].id ? d->v[i].id : "");
	}
}

/* Bytes of a summary record (put_summary()). */
static uint64_t
summary_size(const struct summary *s)
{
	uint64_t	 n;
	size_t		 i;

	n = binw_str_size(s->title) + binw_str_size(s->date) + binw_str_size(s->published) +
	    binw_str_size(s->aliases) + binw_str_size(s->org) + binw_str_size(s->org_key) +
	    binw_str_size(s->kind) + binw_str_size(s->outcome) + binw_str_size(s->encoding) +
	    binw_str_size(s->format) + binw_str_size(s->figs) + 9 * 4 + 3 * 8 +
	    (s->units ? 4 + s->unitslen + 1 : 4) +
	    (s->rel ? 4 + s->rellen + 1 : 4);
	for (i = 0; i < s->nrefs; i++)
		n += binw_str_size(s->refs[i].tag) + binw_str_size(s->refs[i].anchor) +
		    binw_str_size(s->refs[i].label) + binw_str_size(s->refs[i].text) +
		    3 * 4 + 2 * 8;
	return n;
}

static void
put_summary(struct binw *w, const struct summary *s)
{
	const struct sref	*r;
	size_t			 i;

	binw_str(w, s->title);
	binw_str(w, s->date);
	binw_str(w, s->published);
	binw_str(w, s->aliases);
	binw_u32(w, (uint32_t)s->year);
	binw_str(w, s->org);
	binw_str(w, s->org_key);
	binw_str(w, s->kind);
	binw_str(w, s->outcome);
	binw_str(w, s->encoding);
	binw_str(w, s->format);
#define PUT(f)	binw_u32(w, s->counts.f);
	COUNTS_FIELDS(PUT)
#undef PUT
	binw_u32(w, s->sample);
	binw_u64(w, s->key);
	binw_bytes(w, s->units, s->unitslen);
	binw_u64(w, s->ukey);
	binw_str(w, s->figs);
	binw_u64(w, s->fkey);
	binw_bytes(w, s->rel, s->rellen);
	binw_u32(w, (uint32_t)s->nrefs);
	for (i = 0; i < s->nrefs; i++) {
		r = &s->refs[i];
		binw_str(w, r->tag);
		binw_str(w, r->anchor);
		binw_str(w, r->label);
		binw_str(w, r->text);
		binw_u32(w, r->line);
		binw_u32(w, r->seq);
		binw_u32(w, r->type);
		binw_u64(w, r->tkey);
		binw_u64(w, r->key);
	}
}

/* Open path.tmp.PID for writing through wr; its name goes to tmp.
 * Return wr's binary writer, or NULL with errno. */
static struct binw *
wr_open(struct wr *wr, const char *path, struct buf *tmp)
{
	buf_reset(tmp);
	buf_printf(tmp, "%s.tmp.%ld", path, (long)getpid());
	if ((wr->fd = open(tmp->data, O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0644)) == -1)
		return NULL;
	memset(&wr->b, 0, sizeof(wr->b));
	binw_init(&wr->w, &wr->b, wr_sink, wr);
	return &wr->w;
}

/* Close wr and rename tmp to path.  Return 0, or -1 with errno (tmp is
 * removed). */
static int
wr_close(struct wr *wr, const char *tmp, const char *path)
{
	int	 saved = 0;

	if (binw_flush(&wr->w) == -1)
		saved = errno;
	buf_free(&wr->b);
	if (close(wr->fd) == -1 && saved == 0)
		saved = errno;
	if (saved == 0 && rename(tmp, path) == -1)
		saved = errno;
	if (saved != 0) {
		unlink(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}

/* Is every summary of m already in its old summaries file? */
static int
sums_unchanged(const struct manifest *m)
{
	size_t	 i;

	if (m->sums_map == NULL)
		return 0;
	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i].ok && (m->docs[i].raw == NULL ||
		    m->docs[i].raw < m->sums_map ||
		    m->docs[i].raw >= m->sums_map + m->sums_len))
			return 0;
	return 1;
}

/* Write the summaries of m to path: a new id, then the records (old
 * ones copied, runs of them in one write).  offs[i] gets where the
 * record of document i went.  Return 0, or -1 with errno. */
static int
sums_write(const char *path, const struct manifest *m, uint64_t id,
    uint64_t *offs)
{
	struct wr	 wr;
	struct binw	*w;
	struct buf	 tmp = BUF_INIT;
	const char	*raw;
	uint64_t	 rawlen;
	size_t		 i, j;
	int		 rc;

	if ((w = wr_open(&wr, path, &tmp)) == NULL) {
		buf_free(&tmp);
		return -1;
	}
	binw_put(w, SUMS_MAGIC, 8);
	binw_u64(w, id);
	for (i = 0; i < m->ndocs; i++) {
		if (!m->docs[i].ok)
			continue;
		offs[i] = w->off;
		if (m->docs[i].raw == NULL) {
			put_summary(w, &m->docs[i].sum);
			continue;
		}
		raw = m->docs[i].raw;
		rawlen = m->docs[i].rawlen;
		for (j = i + 1; j < m->ndocs && m->docs[j].ok &&
		    m->docs[j].raw == raw + rawlen; j++) {
			offs[j] = w->off + rawlen;
			rawlen += m->docs[j].rawlen;
		}
		binw_put(w, raw, rawlen);
		i = j - 1;
	}
	rc = wr_close(&wr, tmp.data, path);
	buf_free(&tmp);
	return rc;
}

/* The id of the summaries of m: from their keys, so that the same
 * summaries give the same file. */
static uint64_t
sums_id(const struct manifest *m)
{
	struct hasher		 h = { 0x73756d73 };
	const struct summary	*s;
	size_t			 i, j;

	for (i = 0; i < m->ndocs; i++) {
		if (!m->docs[i].ok)
			continue;
		s = &m->docs[i].sum;
		hasher_u64(&h, s->key);
		hasher_u64(&h, s->ukey);
		hasher_u64(&h, s->fkey);
		hasher_u64(&h, s->rel ? hash64(s->rel, s->rellen, 1) : 0);
		hasher_u64(&h, s->nrefs);
		for (j = 0; j < s->nrefs; j++) {
			hasher_u64(&h, s->refs[j].key);
			hasher_u64(&h, s->refs[j].tkey);
			hasher_u64(&h, s->refs[j].seq);
		}
	}
	return h.h;
}

/* Write m as the manifest at path and its summaries beside it (sums),
 * unless they are all in the file m->sums_map maps already.  Only reads
 * m; a document with raw has its summary copied from there.  Return 0,
 * or -1 with errno. */
int
manifest_write(const char *path, const char *sums, const struct manifest *m)
{
	struct wr	 wr;
	struct binw	*w;
	struct buf	 tmp = BUF_INIT;
	uint64_t	*offs, outs_size = 4, id;
	size_t		 i;
	int		 rc;

	/* Where each summary record is; 0 for a document without one. */
	offs = xcalloc(m->ndocs + 1, sizeof(*offs));
	if (sums_unchanged(m)) {
		id = m->sums_id;
		for (i = 0; i < m->ndocs; i++)
			if (m->docs[i].ok)
				offs[i] = (uint64_t)(m->docs[i].raw -
				    m->sums_map);
	} else {
		id = sums_id(m);
		if (sums_write(sums, m, id, offs) == -1) {
			free(offs);
			return -1;
		}
	}
	for (i = 0; i < m->nouts; i++)
		outs_size += binw_str_size(m->outs[i].path) + 8;
	outs_size += 4;
	for (i = 0; i < m->ngroups; i++)
		outs_size += 4 + binw_str_size(m->groups[i].name) +
		    binw_str_size(m->groups[i].slug);
	if ((w = wr_open(&wr, path, &tmp)) == NULL) {
		free(offs);
		buf_free(&tmp);
		return -1;
	}
	binw_put(w, MANIFEST_MAGIC, 8);
	binw_u32(w, MANIFEST_FORMAT);
	binw_str(w, GEN_VERSION);
	binw_u64(w, m->env);
	binw_u64(w, id);
	binw_u32(w, (uint32_t)m->ndirs);
	for (i = 0; i < m->ndirs; i++)
		binw_str(w, m->dirs[i]);
	binw_u32(w, (uint32_t)m->ncdirs);
	for (i = 0; i < m->ncdirs; i++)
		put_file(w, &m->cdirs[i]);
	binw_u32(w, (uint32_t)m->ntpl);
	for (i = 0; i < m->ntpl; i++)
		put_file(w, &m->tpl[i]);
	binw_u32(w, (uint32_t)m->ndocs);
	for (i = 0; i < m->ndocs; i++) {
		put_file(w, &m->docs[i].f);
		binw_str(w, m->docs[i].slug);
		binw_str(w, m->docs[i].slug_base);
		binw_u32(w, m->docs[i].oidx == MOUT_NONE ? BIN_NOSTR :
		    (uint32_t)m->docs[i].oidx);
		binw_u32(w, (uint32_t)m->docs[i].ok);
		put_diags(w, &m->docs[i].parse);
		put_diags(w, &m->docs[i].page);
		binw_u64(w, offs[i]);
		binw_u64(w, !m->docs[i].ok ? 0 : m->docs[i].raw ?
		    m->docs[i].rawlen : summary_size(&m->docs[i].sum));
	}
	put_diags(w, &m->site);
	binw_u64(w, outs_size);
	binw_u32(w, (uint32_t)m->nouts);
	for (i = 0; i < m->nouts; i++) {
		binw_str(w, m->outs[i].path);
		binw_u64(w, m->outs[i].key);
	}
	binw_u32(w, (uint32_t)m->ngroups);
	for (i = 0; i < m->ngroups; i++) {
		binw_u32(w, m->groups[i].kind);
		binw_str(w, m->groups[i].name);
		binw_str(w, m->groups[i].slug);
	}
	binw_put(w, MANIFEST_END, 4);
	rc = wr_close(&wr, tmp.data, path);
	buf_free(&tmp);
	free(offs);
	return rc;
}

/* ---- Reading the manifest ---- */

static void
get_file(struct bin *c, struct mfile *f)
{
	f->path = bin_str(c);
	f->size = bin_u64(c);
	f->mtime = (int64_t)bin_u64(c);
	f->ino = bin_u64(c);
	f->hash = bin_u64(c);
	if (f->path == NULL)
		c->bad = 1;
}

static void
get_diags(struct bin *c, struct diags *d)
{
	const char	*file, *msg, *id;
	size_t		 i, n = bin_count(c, 24);
	int		 line, col, sev;

	for (i = 0; i < n && !c->bad; i++) {
		file = bin_str(c);
		line = (int)bin_u32(c);
		col = (int)bin_u32(c);
		sev = (int)bin_u32(c);
		msg = bin_str(c);
		id = bin_str(c);
		if (c->bad || file == NULL || msg == NULL)
			c->bad = 1;
		else
			diag_add_id(d, file, line, col, sev == SEV_ERROR ?
			    SEV_ERROR : sev == SEV_NOTE ? SEV_NOTE :
			    SEV_WARNING, diag_id(id), "%s", msg);
	}
}

/* A summary record; its references only with refs (else nrefs is 0,
 * and the count is left in *total). */
static void
get_summary(struct bin *c, struct arena *a, struct summary *s, int refs,
    size_t *total)
{
	struct sref	*r;
	size_t		 i;

	s->title = bin_str(c);
	s->date = bin_str(c);
	s->published = bin_str(c);
	s->aliases = bin_str(c);
	s->year = (int)bin_u32(c);
	s->org = bin_str(c);
	s->org_key = bin_str(c);
	s->kind = bin_str(c);
	s->outcome = bin_str(c);
	s->encoding = bin_str(c);
	s->format = bin_str(c);
#define GET(f)	s->counts.f = bin_u32(c);
	COUNTS_FIELDS(GET)
#undef GET
	s->sample = bin_u32(c);
	s->key = bin_u64(c);
	s->units = bin_bytes(c, &s->unitslen);
	s->ukey = bin_u64(c);
	s->figs = bin_str(c);
	s->fkey = bin_u64(c);
	s->rel = bin_bytes(c, &s->rellen);
	s->nrefs = bin_count(c, 44);
	*total = s->nrefs;
	if (!refs) {
		s->nrefs = 0;
		s->refs = NULL;
		if (s->encoding == NULL || s->format == NULL)
			c->bad = 1;
		return;
	}
	s->refs = s->nrefs ? arena_alloc(a, s->nrefs * sizeof(*s->refs)) :
	    NULL;
	for (i = 0; i < s->nrefs && !c->bad; i++) {
		r = &s->refs[i];
		r->tag = bin_str(c);
		r->anchor = bin_str(c);
		r->label = bin_str(c);
		r->text = bin_str(c);
		r->line = bin_u32(c);
		r->seq = bin_u32(c);
		r->type = (uint8_t)bin_u32(c);
		r->tkey = bin_u64(c);
		r->key = bin_u64(c);
		if (r->tag == NULL || r->anchor == NULL || r->text == NULL)
			c->bad = 1;
	}
	if (s->encoding == NULL || s->format == NULL)
		c->bad = 1;
}

/* Map the file at path read-only: *len bytes at the pointer returned,
 * or NULL. */
static const char *
map_file(const char *path, size_t *len)
{
	struct stat	 st;
	void		*p;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size < 16 ||
	    (p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) == MAP_FAILED) {
		close(fd);
		return NULL;
	}
	close(fd);
	*len = (size_t)st.st_size;
	return p;
}

/* Read the manifest at path into m (manifest_free() releases it), all
 * but the summaries and the outputs (manifest_more()): what tells
 * whether anything changed.  Return 0; or -1 when there is none, or it
 * was written by another version of gen or is damaged (m is then
 * empty). */
int
manifest_read(const char *path, struct manifest *m)
{
	struct bin	 c;
	const char	*version;
	uint64_t	 olen;
	char		 magic[8];
	size_t		 i;

	memset(m, 0, sizeof(*m));
	if ((m->map = map_file(path, &m->maplen)) == NULL)
		return -1;
	c.p = m->map;
	c.end = m->map + m->maplen;
	c.bad = 0;
	bin_take(&c, magic, sizeof(magic));
	if (memcmp(magic, MANIFEST_MAGIC, 8) != 0 ||
	    bin_u32(&c) != MANIFEST_FORMAT || (version = bin_str(&c)) == NULL ||
	    strcmp(version, GEN_VERSION) != 0)
		goto bad;
	m->env = bin_u64(&c);
	m->sums_id = bin_u64(&c);
	m->ndirs = bin_count(&c, 5);
	m->dirs = arena_alloc(&m->a, (m->ndirs + 1) * sizeof(*m->dirs));
	for (i = 0; i < m->ndirs && !c.bad; i++)
		if ((m->dirs[i] = bin_str(&c)) == NULL)
			c.bad = 1;
	m->ncdirs = bin_count(&c, 37);
	m->cdirs = arena_alloc(&m->a, (m->ncdirs + 1) * sizeof(*m->cdirs));
	for (i = 0; i < m->ncdirs && !c.bad; i++)
		get_file(&c, &m->cdirs[i]);
	m->ntpl = bin_count(&c, 36);
	m->tpl = arena_alloc(&m->a, (m->ntpl + 1) * sizeof(*m->tpl));
	for (i = 0; i < m->ntpl && !c.bad; i++)
		get_file(&c, &m->tpl[i]);
	m->ndocs = bin_count(&c, 64);
	m->docs = arena_alloc(&m->a, (m->ndocs + 1) * sizeof(*m->docs));
	for (i = 0; i < m->ndocs && !c.bad; i++) {
		get_file(&c, &m->docs[i].f);
		m->docs[i].slug = bin_str(&c);
		m->docs[i].slug_base = bin_str(&c);
		m->docs[i].oidx = bin_u32(&c);
		if (m->docs[i].oidx == BIN_NOSTR)
			m->docs[i].oidx = MOUT_NONE;
		m->docs[i].ok = bin_u32(&c) != 0;
		get_diags(&c, &m->docs[i].parse);
		get_diags(&c, &m->docs[i].page);
		m->docs[i].rawoff = bin_u64(&c);
		m->docs[i].rawlen = bin_u64(&c);
	}
	get_diags(&c, &m->site);
	olen = bin_u64(&c);
	if (c.bad || olen > (uint64_t)(c.end - c.p) ||
	    (uint64_t)(c.end - c.p) - olen != 4 ||
	    memcmp(c.p + olen, MANIFEST_END, 4) != 0)
		goto bad;
	m->outs_at = (size_t)(c.p - m->map);
	return 0;
bad:
	manifest_free(m);
	return -1;
}

/* Read the rest of m: the outputs and the annotations' names, and the
 * summaries from the file sums, with their references only with refs
 * (else manifest_refs() reads them).  Return 0, or -1 when they are
 * missing or damaged (then m is of no use: manifest_free() it). */
int
manifest_more(struct manifest *m, const char *sums, int refs)
{
	struct bin	 c;
	uint64_t	 off, len, id;
	size_t		 i;

	c.p = m->map + m->outs_at;
	c.end = m->map + m->maplen - 4;
	c.bad = 0;
	m->nouts = bin_count(&c, 12);
	m->outs = arena_alloc(&m->a, (m->nouts + 1) * sizeof(*m->outs));
	for (i = 0; i < m->nouts && !c.bad; i++) {
		m->outs[i].path = bin_str(&c);
		m->outs[i].key = bin_u64(&c);
		if (m->outs[i].path == NULL)
			c.bad = 1;
	}
	m->ngroups = bin_count(&c, 14);
	m->groups = arena_alloc(&m->a, (m->ngroups + 1) *
	    sizeof(*m->groups));
	for (i = 0; i < m->ngroups && !c.bad; i++) {
		m->groups[i].kind = bin_u32(&c);
		m->groups[i].name = bin_str(&c);
		m->groups[i].slug = bin_str(&c);
		if (m->groups[i].name == NULL || m->groups[i].slug == NULL)
			c.bad = 1;
	}
	if (c.bad || c.p != c.end ||
	    (m->sums_map = map_file(sums, &m->sums_len)) == NULL ||
	    memcmp(m->sums_map, SUMS_MAGIC, 8) != 0)
		return -1;
	memcpy(&id, m->sums_map + 8, sizeof(id));
	if (id != m->sums_id)
		return -1;
#ifdef MADV_POPULATE_READ
	/* Map it all at once rather than a page fault at a time. */
	(void)madvise((void *)m->sums_map, m->sums_len, MADV_POPULATE_READ);
#endif
	for (i = 0; i < m->ndocs && !c.bad; i++) {
		if (!m->docs[i].ok)
			continue;
		off = m->docs[i].rawoff;
		len = m->docs[i].rawlen;
		if (off < 16 || off > m->sums_len || len > m->sums_len - off) {
			c.bad = 1;
			break;
		}
		m->docs[i].raw = m->sums_map + off;
		c.p = m->docs[i].raw;
		c.end = c.p + len;
		get_summary(&c, &m->a, &m->docs[i].sum, refs,
		    &m->docs[i].nrefs);
		if (refs && c.p != c.end)
			c.bad = 1;
		m->docs[i].refs_read = refs;
		m->docs[i].sum.source = m->docs[i].f.path;
	}
	return c.bad ? -1 : 0;
}

/* Read the references of document i of m (after manifest_more()).
 * Return 0, or -1 when they are damaged. */
int
manifest_refs(struct manifest *m, size_t i)
{
	struct mdoc	*d = &m->docs[i];
	struct bin	 c;
	size_t		 total;

	if (!d->ok || d->refs_read)
		return 0;
	c.p = d->raw;
	c.end = d->raw + d->rawlen;
	c.bad = 0;
	get_summary(&c, &m->a, &d->sum, 1, &total);
	d->sum.source = d->f.path;
	d->refs_read = 1;
	return c.bad || c.p != c.end ? -1 : 0;
}

/* Release what manifest_read() and manifest_more() filled in. */
void
manifest_free(struct manifest *m)
{
	size_t	 i;

	for (i = 0; i < m->ndocs && m->docs != NULL; i++) {
		diags_free(&m->docs[i].parse);
		diags_free(&m->docs[i].page);
	}
	diags_free(&m->site);
	arena_free(&m->a);
	if (m->map != NULL)
		munmap((void *)m->map, m->maplen);
	if (m->sums_map != NULL)
		munmap((void *)m->sums_map, m->sums_len);
	memset(m, 0, sizeof(*m));
}

/* ---- make's depfile ---- */

/* Append path as make reads a file name: blanks, '#' and '\' escaped,
 * '$' doubled. */
static void
make_name(struct buf *b, const char *path)
{
	for (; *path != '\0'; path++) {
		if (*path == '$')
			buf_putc(b, '$');
		else if (*path == ' ' || *path == '\t' || *path == '#' ||
		    *path == '\\' || *path == ':')
			buf_putc(b, '\\');
		buf_putc(b, *path);
	}
}

/* Write to path the make rule "target: inputs…" and an empty rule for
 * each input (so that a deleted one makes the target out of date
 * instead of an error), unless the file already says exactly that.
 * Return 0, or -1 after adding an error to d. */
int
depfile_write(const char *path, const char *target,
    const char *const *inputs, size_t n, struct diags *d)
{
	struct buf	 b = BUF_INIT, old = BUF_INIT;
	size_t		 i;
	int		 rc = 0;

	make_name(&b, target);
	buf_putc(&b, ':');
	for (i = 0; i < n; i++) {
		buf_puts(&b, " \\\n  ");
		make_name(&b, inputs[i]);
	}
	buf_putc(&b, '\n');
	for (i = 0; i < n; i++) {
		buf_putc(&b, '\n');
		make_name(&b, inputs[i]);
		buf_puts(&b, ":\n");
	}
	if (file_read(path, &old) == 0 && old.len == b.len &&
	    memcmp(old.data, b.data, b.len) == 0)
		goto out;
	if (file_write(path, b.data, b.len) == -1) {
		diag_add(d, path, 0, 0, SEV_ERROR, "cannot write: %s",
		    strerror(errno));
		rc = -1;
	}
out:
	buf_free(&b);
	buf_free(&old);
	return rc;
}
