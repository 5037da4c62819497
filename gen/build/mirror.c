/*
 * mirror.c — the output folder of a build and what lives beside it:
 * the lock, the fresh folder of a full build (OUT.tmp.PID), and the
 * hidden mirror of an incremental one (.OUT.gen-shadow).
 *
 * The mirror holds the same files as out/, as hard links.  An
 * incremental build writes what changed into it (a new file renamed
 * over the link, never the shared file itself), removes what went,
 * writes its manifest last, and exchanges it with out/ in one step;
 * then the mirror (the previous out/) is brought up to date the same
 * way.  The mirror is clean, a true copy, when its .gen-manifest is
 * the very file out/ has (same inode): it is unlinked before the mirror
 * is changed and linked again last, so a build that stops half way
 * leaves a mirror that the next build makes again from out/.  While a
 * build writes it, the mirror is named OUT.tmp.PID.  Every OUT.tmp.PID
 * and OUT.old.PID is marked as gen's beside it (publish.c,
 * "Leftovers") before it takes the name; only marked ones are removed.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build/build_int.h"

#define MANIFEST_NAME	".gen-manifest"
#define SUMS_NAME	".gen-summaries"

/* Set the paths of od from out_dir (cfgpath names the configuration in
 * an error).  Return 0, or -1 after adding an error for a name that
 * cannot have a sibling. */
int
outdir_open(struct outdir *od, const char *out_dir, const char *cfgpath,
    struct diags *d)
{
	const char	*o = out_dir ? out_dir : "";
	const char	*slash, *name;
	size_t		 len = strlen(o);

	memset(od, 0, sizeof(*od));
	od->lockfd = -1;
	while (len > 1 && o[len - 1] == '/')
		len--;
	od->out = arena_strndup(&od->a, o, len);
	slash = strrchr(od->out, '/');
	name = slash ? slash + 1 : od->out;
	if (len == 0 || *name == '\0' || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0) {
		diag_add(d, cfgpath ? cfgpath : "gen", 0, 0, SEV_ERROR,
		    "bad output folder \"%s\"", o);
		return -1;
	}
	od->name = arena_strdup(&od->a, name);
	od->parent = slash == NULL ? arena_strdup(&od->a, ".") :
	    slash == od->out ? arena_strdup(&od->a, "/") :
	    arena_strndup(&od->a, od->out, (size_t)(slash - od->out));
	od->stage = arena_printf(&od->a, "%s.tmp.%ld", od->out,
	    (long)getpid());
	od->shadow = arena_printf(&od->a, "%s/.%s.gen-shadow", od->parent,
	    name);
	od->manifest = arena_printf(&od->a, "%s/" MANIFEST_NAME, od->out);
	od->sums = arena_printf(&od->a, "%s/" SUMS_NAME, od->out);
	return 0;
}

/* Is name OUT.tmp.DIGITS or OUT.old.DIGITS for od, not of this process?
 * Then set *len to its length. */
static int
leftover_name(struct outdir *od, const char *name, size_t len,
    const char *own)
{
	size_t		 n = strlen(od->name);
	const char	*rest;

	if (len <= n + 5 || strncmp(name, od->name, n) != 0)
		return 0;
	rest = name + n;
	if (strncmp(rest, ".tmp.", 5) != 0 && strncmp(rest, ".old.", 5) != 0)
		return 0;
	rest += 5;
	len -= n + 5;
	return strspn(rest, "0123456789") == len &&
	    (strlen(own) != len || strncmp(rest, own, len) != 0);
}

/* Take the lock of od's folder (builds of one output, by gen watch and
 * by hand, one at a time: a lock on the folder that holds it), then
 * remove what killed builds left beside out/: an OUT.tmp.PID or
 * OUT.old.PID that carries gen's marker (publish.c, "Leftovers"), and
 * markers left without their folder.  A folder of such a name without
 * the marker is not gen's and stays. */
void
outdir_lock(struct outdir *od)
{
	struct diags	 quiet = DIAGS_INIT;
	struct dirent	*e;
	struct stat	 st;
	DIR		*dir;
	char		*own, *path;
	size_t		 len;

	mkdir_p(od->parent);
	od->lockfd = open(od->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (od->lockfd != -1)
		while (flock(od->lockfd, LOCK_EX) == -1 && errno == EINTR)
			continue;
	if (od->lockfd == -1 || (dir = opendir(od->parent)) == NULL)
		return;
	own = arena_printf(&od->a, "%ld", (long)getpid());
	while ((e = readdir(dir)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' && len > 14 && strcmp(e->d_name +
		    len - 13, ".gen-leftover") == 0 &&
		    leftover_name(od, e->d_name + 1, len - 14, own)) {
			/* A marker: its folder gone, it goes too. */
			path = arena_printf(&od->a, "%s/%.*s", od->parent,
			    (int)(len - 14), e->d_name + 1);
			if (lstat(path, &st) == -1 && errno == ENOENT)
				leftover_unmark(path);
			continue;
		}
		if (!leftover_name(od, e->d_name, len, own))
			continue;
		path = arena_printf(&od->a, "%s/%s", od->parent, e->d_name);
		if (leftover_ours(path))
			leftover_remove(path, &quiet);
	}
	closedir(dir);
	diags_free(&quiet);
}

/* Release the lock and the paths of od. */
void
outdir_close(struct outdir *od)
{
	if (od->lockfd != -1)
		close(od->lockfd);
	arena_free(&od->a);
	memset(od, 0, sizeof(*od));
	od->lockfd = -1;
}

/* Make the fresh folder of a full build, with the site's folders.
 * Return 0, or -1 after adding an error. */
int
outdir_stage(struct outdir *od, struct diags *d)
{
	static const char *const dirs[] = { "src", "year", "org", "kind",
	    "tag" };
	size_t	 i;
	char	*p;

	if (leftover_clear(od->stage, d) == -1)
		return -1;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		p = arena_printf(&od->a, "%s/%s", od->stage, dirs[i]);
		if (mkdir_p(p) == -1) {
			diag_add(d, p, 0, 0, SEV_ERROR,
			    "cannot create folder: %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Was out/ changed by another hand since the last build: one of the
 * folders dirs[0..n) ("" is out/ itself) newer than the manifest
 * (outdir_date() dates it last), or gone? */
int
outdir_touched(struct outdir *od, const char *const *dirs, size_t n)
{
	struct stat	 m, st;
	size_t		 i;

	if (stat(od->manifest, &m) == -1)
		return 1;
	for (i = 0; i < n; i++)
		if (stat(dirs[i][0] ? arena_printf(&od->a, "%s/%s", od->out,
		    dirs[i]) : od->out, &st) == -1 ||
		    st.st_mtim.tv_sec > m.st_mtim.tv_sec ||
		    (st.st_mtim.tv_sec == m.st_mtim.tv_sec &&
		    st.st_mtim.tv_nsec > m.st_mtim.tv_nsec))
			return 1;
	return 0;
}

/* Date out/'s manifest now: after every change gen made to out/. */
void
outdir_date(struct outdir *od)
{
	(void)utimensat(AT_FDCWD, od->manifest, NULL, 0);
}

/* ---- The mirror ---- */

/* Is the mirror clean (a true copy of out/)? */
int
shadow_clean(struct outdir *od)
{
	struct stat	 a, s;

	return lstat(od->manifest, &a) == 0 && lstat(arena_printf(&od->a,
	    "%s/" MANIFEST_NAME, od->shadow), &s) == 0 &&
	    a.st_ino == s.st_ino && a.st_dev == s.st_dev;
}

/* Is there something at the mirror's place that gen did not make? */
static int
shadow_foreign(struct outdir *od, struct diags *d)
{
	struct stat	 st;

	if (lstat(od->shadow, &st) == -1 || lstat(arena_printf(&od->a,
	    "%s/" SITE_MARKER, od->shadow), &st) == 0)
		return 0;
	diag_add(d, od->shadow, 0, 0, SEV_ERROR, "refusing to replace a "
	    "folder that gen did not build (no %s in it)", SITE_MARKER);
	return 1;
}

/* Remove the mirror: first out of its place (OUT.old.PID, marked, which
 * the next build removes should this one be killed).  Return 0, or -1
 * after adding an error. */
static int
shadow_gone(struct outdir *od, struct diags *d)
{
	struct stat	 st;
	char	*old = arena_printf(&od->a, "%s.old.%ld", od->out,
	    (long)getpid());

	if (lstat(od->shadow, &st) == -1 && errno == ENOENT)
		return 0;
	if (leftover_clear(old, d) == -1)
		return -1;
	if (rename(od->shadow, old) == -1) {
		leftover_unmark(old);
		if (errno == ENOENT)
			return 0;
		diag_add(d, od->shadow, 0, 0, SEV_ERROR,
		    "cannot move aside: %s", strerror(errno));
		return -1;
	}
	return leftover_remove(old, d);
}

/* OUT.tmp.PID into the mirror's place.  Return 0, or -1 after adding an
 * error. */
static int
shadow_put_checked(struct outdir *od, struct diags *d)
{
	if (rename(od->stage, od->shadow) == -1) {
		diag_add(d, od->shadow, 0, 0, SEV_ERROR, "cannot make: %s",
		    strerror(errno));
		return -1;
	}
	leftover_unmark(od->stage);
	return 0;
}

/* Make the mirror again from out/: links to the outputs outs[0..n) of
 * out/'s manifest and to its summaries; missing[i] (may be NULL) is set
 * for each output not in out/.  The mirror is left dirty.  Return the
 * number missing, or -1 after adding an error. */
long
shadow_mirror(struct outdir *od, const struct mout *outs, size_t n,
    unsigned char *missing, struct diags *d)
{
	struct stat	 st;
	const char	**rel;
	size_t		 i;
	long		 gone = 0;
	int		 rc;

	/* Made under the name of a fresh folder, so that a build killed
	 * meanwhile leaves only what the next one removes. */
	if (shadow_foreign(od, d) || shadow_gone(od, d) == -1 ||
	    leftover_clear(od->stage, d) == -1)
		return -1;
	rel = xcalloc(n + 2, sizeof(*rel));
	for (i = 0; i < n; i++)
		rel[i] = outs[i].path;
	rel[n] = SUMS_NAME;
	rc = tree_mirror(od->out, od->stage, rel, n + 1, d);
	free(rel);
	if (rc == -1 || shadow_put_checked(od, d) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (lstat(arena_printf(&od->a, "%s/%s", od->shadow,
		    outs[i].path), &st) == -1) {
			gone++;
			if (missing != NULL)
				missing[i] = 1;
		}
	return gone;
}

/* Mark the clean mirror dirty, to be written.  Return 0, or -1 after
 * adding an error. */
int
shadow_dirty(struct outdir *od, struct diags *d)
{
	const char	*m = arena_printf(&od->a, "%s/" MANIFEST_NAME,
	    od->shadow);

	if (unlink(m) == -1 && errno != ENOENT) {
		diag_add(d, od->shadow, 0, 0, SEV_ERROR, "cannot use: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* While a build writes it, the (dirty) mirror is OUT.tmp.PID, as the
 * fresh folder of a full build is: what a killed build leaves beside
 * out/ has that one name (and the next build removes it).  Return 0, or
 * -1 after adding an error. */
int
shadow_take(struct outdir *od, struct diags *d)
{
	if (leftover_clear(od->stage, d) == -1)
		return -1;
	if (rename(od->shadow, od->stage) == -1) {
		diag_add(d, od->shadow, 0, 0, SEV_ERROR, "cannot use: %s",
		    strerror(errno));
		leftover_unmark(od->stage);
		return -1;
	}
	return 0;
}

/* The mirror back in its place, once exchanged (or given up). */
void
shadow_put(struct outdir *od)
{
	if (rename(od->stage, od->shadow) == 0)
		leftover_unmark(od->stage);
}

/* Link out/'s file rel into the mirror in place of its own. */
static int
relink(struct outdir *od, const char *rel)
{
	const char	*from = arena_printf(&od->a, "%s/%s", od->out, rel);
	const char	*to = arena_printf(&od->a, "%s/%s", od->shadow, rel);
	const char	*tmp = arena_printf(&od->a, "%s.link", to);

	unlink(tmp);
	if (link(from, tmp) == -1 || rename(tmp, to) == -1) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* After the exchange the mirror holds the previous out/: make it a true
 * copy again from the outputs written[0..nw) and removed[0..nr) of the
 * build (and its summaries and manifest).  On any failure it is left
 * dirty. */
void
shadow_sync(struct outdir *od, const char *const *written, size_t nw,
    const char *const *removed, size_t nr)
{
	struct diags	 quiet = DIAGS_INIT;
	struct stat	 a, o;
	size_t		 i;
	int		 rc = shadow_dirty(od, &quiet);

	diags_free(&quiet);
	if (rc == -1)
		return;
	for (i = 0; i < nw; i++)
		if (relink(od, written[i]) == -1)
			return;
	for (i = 0; i < nr; i++)
		unlink(arena_printf(&od->a, "%s/%s", od->shadow, removed[i]));
	if (stat(od->sums, &a) == 0 && (stat(arena_printf(&od->a, "%s/"
	    SUMS_NAME, od->shadow), &o) == -1 || a.st_ino != o.st_ino) &&
	    relink(od, SUMS_NAME) == -1)
		return;
	(void)link(od->manifest, arena_printf(&od->a, "%s/" MANIFEST_NAME,
	    od->shadow));
}

/* After an exchange the mirror holds the previous out/, with whatever
 * another hand put there: remove all but the outputs keep[0..nk) and
 * their folders dirs[0..nd) (and gen's own files).  Return 0, or -1
 * when the mirror cannot be trusted. */
int
shadow_strays(struct outdir *od, const char *const *keep, size_t nk,
    const char *const *dirs, size_t nd)
{
	struct slugset	 set = SLUGSET_INIT;
	struct flist	 files = { NULL, 0, 0 }, folders = { NULL, 0, 0 };
	struct diags	 quiet = DIAGS_INIT;
	size_t		 i, n = strlen(od->shadow) + 1;
	int		 rc = 0;

	for (i = 0; i < nk; i++)
		slugset_claim(&set, keep[i], '-', NULL);
	for (i = 0; i < nd; i++)
		slugset_claim(&set, dirs[i], '-', NULL);
	if (files_scan(od->shadow, 0, 1, &files, &folders, &quiet) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < files.n; i++)
		if (!slugset_has(&set, files.v[i].path + n) &&
		    unlink(files.v[i].path) == -1)
			rc = -1;
	for (i = folders.n; rc == 0 && i-- > 1; )
		if (!slugset_has(&set, folders.v[i].path + n) &&
		    tree_remove(folders.v[i].path, &quiet) == -1)
			rc = -1;
	flist_free(&files);
	flist_free(&folders);
	slugset_free(&set);
	diags_free(&quiet);
	return rc;
}

/* Remove the mirror (after a full build it mirrors a site gone). */
void
shadow_drop(struct outdir *od)
{
	struct diags	 quiet = DIAGS_INIT;
	struct stat	 st;

	if (lstat(od->shadow, &st) == 0 && lstat(arena_printf(&od->a,
	    "%s/" SITE_MARKER, od->shadow), &st) == 0)
		shadow_gone(od, &quiet);
	diags_free(&quiet);
}

/* What was just added to cfg's out/ beside gen (the search index in
 * out/pagefind/, which builds keep) is no edit by hand: date the
 * manifest after it, so that the next build does not take out/ for
 * touched and rebuild. */
void
mirror_accept(const struct config *cfg)
{
	struct buf	 path = BUF_INIT;

	buf_printf(&path, "%s/" MANIFEST_NAME, cfg->out_dir);
	(void)utimensat(AT_FDCWD, buf_cstr(&path), NULL, 0);
	buf_free(&path);
}

/* Make the next build_update() of cfg's site incremental at once: the
 * mirror made from out/ unless it is clean (after a full build).  For
 * gen watch, between builds.  Return 0, or -1 after adding an error. */
int
mirror_ready(const struct config *cfg, struct diags *d)
{
	struct outdir	 od;
	struct manifest	 m;
	struct stat	 st;
	long		 gone;
	int		 rc = 0;

	if (outdir_open(&od, cfg->out_dir, cfg->path, d) == -1) {
		outdir_close(&od);
		return -1;
	}
	outdir_lock(&od);
	if (lstat(arena_printf(&od.a, "%s/" SITE_MARKER, od.out), &st) == -1 ||
	    shadow_clean(&od) || manifest_read(od.manifest, &m) == -1) {
		outdir_close(&od);
		return 0;
	}
	if (manifest_more(&m, od.sums, 0) == 0) {
		gone = shadow_mirror(&od, m.outs, m.nouts, NULL, d);
		if (gone == -1)
			rc = -1;
		else if (gone == 0)	/* else the next build sees to it */
			(void)link(od.manifest, arena_printf(&od.a, "%s/"
			    MANIFEST_NAME, od.shadow));
	}
	manifest_free(&m);
	outdir_close(&od);
	return rc;
}
