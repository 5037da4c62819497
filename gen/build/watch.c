/*
 * watch.c — wait for the inputs of a build to change, with inotify:
 * a watch on every folder of a tree (folders made later are added as
 * they appear), and on the folder of a single file or a tree's top,
 * filtered by name (editors replace a file rather than write it; a
 * content folder may be moved away and made again: watched again).  Changes are
 * debounced: a burst of events (a checkout, an editor's save) is one
 * change once it has been quiet for a while.
 */
#include <sys/inotify.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build/build_int.h"

#define WATCH_MASK	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | \
			 IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | \
			 IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

/* A watched folder: its path, and the names in it that matter (none:
 * all of them, and it is part of a tree). */
struct wdir {
	int	 wd;
	int	 tree;		/* part of a watched tree: every name */
	char	*path;
	char	**only;		/* names that matter when not tree */
	size_t	 nonly;
};

struct watch {
	int		 fd;
	struct wdir	*v;
	size_t		 n;
	size_t		 cap;
};

/* A new watcher, or NULL with errno set. */
struct watch *
watch_new(void)
{
	struct watch	*w;
	int		 fd;

	if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	return w;
}

static struct wdir *
wdir_of(struct watch *w, int wd)
{
	size_t	 i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].wd == wd)
			return &w->v[i];
	return NULL;
}

/* Does the name matter in e? */
static int
wdir_wants(const struct wdir *e, const char *name)
{
	size_t	 i;

	if (e->tree)
		return name[0] != '.';	/* not editors' swap files */
	for (i = 0; i < e->nonly; i++)
		if (strcmp(e->only[i], name) == 0)
			return 1;
	return 0;
}

/* Forget the watch at index i (the kernel dropped it, or its folder
 * moved away). */
static void
wdir_drop(struct watch *w, size_t i, int rm)
{
	size_t	 k;

	if (rm)
		(void)inotify_rm_watch(w->fd, w->v[i].wd);
	free(w->v[i].path);
	for (k = 0; k < w->v[i].nonly; k++)
		free(w->v[i].only[k]);
	free(w->v[i].only);
	w->v[i] = w->v[--w->n];
}

/* Watch the folder path for the name only (NULL: everything, as a
 * tree). */
static int
add_dir(struct watch *w, const char *path, const char *only, struct diags *d)
{
	struct wdir	*e;
	int		 wd;

	if ((wd = inotify_add_watch(w->fd, path, WATCH_MASK |
	    IN_ONLYDIR)) == -1) {
		diag_add(d, path, 0, 0, SEV_ERROR, "cannot watch: %s",
		    strerror(errno));
		return -1;
	}
	if ((e = wdir_of(w, wd)) == NULL) {
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 16;
			w->v = xreallocarray(w->v, w->cap, sizeof(*w->v));
		}
		e = &w->v[w->n++];
		memset(e, 0, sizeof(*e));
		e->wd = wd;
		e->path = xstrdup(path);
	} else if (strcmp(e->path, path) != 0) {
		free(e->path);	/* the same folder under its new name */
		e->path = xstrdup(path);
	}
	if (only == NULL)
		e->tree = 1;
	else if (!e->tree && !wdir_wants(e, only)) {
		e->only = xreallocarray(e->only, e->nonly + 1,
		    sizeof(*e->only));
		e->only[e->nonly++] = xstrdup(only);
	}
	return 0;
}

/* Watch path (a file or a folder) through its parent folder, by name:
 * its creation, removal, replacement. */
static int
watch_name(struct watch *w, const char *path, struct diags *d)
{
	const char	*slash;
	char		*dir;
	size_t		 len = strlen(path);
	int		 rc;

	while (len > 1 && path[len - 1] == '/')
		len--;
	for (slash = path + len; slash > path && slash[-1] != '/'; slash--)
		continue;
	dir = slash == path ? xstrdup(".") : slash - 1 == path ?
	    xstrdup("/") : xstrndup(path, (size_t)(slash - 1 - path));
	if (len == (size_t)(slash - path))	/* "/" */
		rc = 0;
	else {
		char *name = xstrndup(slash, len - (size_t)(slash - path));
		rc = add_dir(w, dir, name, d);
		free(name);
	}
	free(dir);
	return rc;
}

/* Watch top and every folder under it, and top's name in its parent
 * folder: a top replaced (moved away, made again) is seen, and watched
 * again. */
int
watch_tree(struct watch *w, const char *top, struct diags *d)
{
	struct flist	 files = { NULL, 0, 0 }, dirs = { NULL, 0, 0 };
	struct diags	 quiet = DIAGS_INIT;
	size_t		 i;
	int		 rc = 0;

	watch_name(w, top, &quiet);	/* an error says no more */
	diags_free(&quiet);
	if (files_scan(top, 0, 1, &files, &dirs, d) == -1)
		rc = -1;
	for (i = 0; i < dirs.n; i++)
		if (add_dir(w, dirs.v[i].path, NULL, d) == -1)
			rc = -1;
	flist_free(&files);
	flist_free(&dirs);
	return rc;
}

/* Watch the file path through its folder. */
int
watch_file(struct watch *w, const char *path, struct diags *d)
{
	return watch_name(w, path, d);
}

static long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A tree's folder path moved away: forget it and the folders under
 * it (they are watched again under their new names when they come
 * back). */
static void
drop_moved(struct watch *w, const char *path)
{
	char	*p = xstrdup(path);
	size_t	 i, n = strlen(p);

	for (i = w->n; i-- > 0; )
		if (w->v[i].tree && strncmp(w->v[i].path, p, n) == 0 &&
		    (w->v[i].path[n] == '\0' || w->v[i].path[n] == '/'))
			wdir_drop(w, i, 1);
	free(p);
}

/* Read the pending events; return 1 when one of them matters.  New
 * folders in a tree, and a watched name that is a folder made again,
 * are watched too; a tree's folder moved away is no longer. */
static int
drain(struct watch *w)
{
	char				 buf[16384]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event	*ev;
	struct wdir			*e;
	struct diags			 d = DIAGS_INIT;
	struct buf			 sub = BUF_INIT;
	ssize_t				 n;
	char				*p;
	int				 hit = 0;

	while ((n = read(w->fd, buf, sizeof(buf))) > 0) {
		for (p = buf; p < buf + n; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW) {
				hit = 1;
				continue;
			}
			if ((e = wdir_of(w, ev->wd)) == NULL)
				continue;
			if (ev->mask & IN_IGNORED) {	/* folder gone */
				wdir_drop(w, (size_t)(e - w->v), 0);
				continue;
			}
			if (ev->len == 0) {	/* the folder itself */
				if (!e->tree)
					continue;
				hit = 1;
				if (ev->mask & IN_MOVE_SELF)
					drop_moved(w, e->path);
				continue;
			}
			if (!wdir_wants(e, ev->name))
				continue;
			hit = 1;
			if ((ev->mask & IN_ISDIR) &&
			    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
				buf_reset(&sub);
				buf_printf(&sub, "%s%s%s", e->path,
				    strcmp(e->path, "/") ? "/" : "", ev->name);
				watch_tree(w, sub.data, &d);
			}
		}
	}
	buf_free(&sub);
	diags_free(&d);
	return hit;
}

/* Wait for a change, then for quiet_ms of quiet.  Return 1, or 0 when
 * *stop is set, or -1 on an error. */
int
watch_wait(struct watch *w, int quiet_ms, volatile int *stop)
{
	struct pollfd	 pfd;
	long		 last = 0;
	int		 changed = 0, r, timeout;

	pfd.fd = w->fd;
	pfd.events = POLLIN;
	while (!*stop) {
		timeout = -1;
		if (changed) {
			timeout = (int)(last + quiet_ms - now_ms());
			if (timeout <= 0)
				return 1;
		}
		r = poll(&pfd, 1, timeout);
		if (r == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			continue;
		if (drain(w)) {
			changed = 1;
			last = now_ms();
		}
	}
	return 0;
}

void
watch_free(struct watch *w)
{
	if (w == NULL)
		return;
	while (w->n > 0)
		wdir_drop(w, w->n - 1, 0);
	free(w->v);
	close(w->fd);
	free(w);
}
