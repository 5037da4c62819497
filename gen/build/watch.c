/*
 * watch.c — wait for the inputs of a build to change, with inotify:
 * a watch on every folder of a tree (folders made later are added as
 * they appear), and on the folder of a single file, filtered by name
 * (editors replace a file rather than write it).  Changes are
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

/* A watched folder: its path, and the one name in it that matters
 * (NULL: all of them, and it is part of a tree). */
struct wdir {
	int	 wd;
	char	*path;
	char	*only;
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

/* Watch the folder path for only (NULL: everything, as a tree). */
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
	if ((e = wdir_of(w, wd)) != NULL) {
		/* Already watched: a tree watch sees every name. */
		if (only == NULL && e->only != NULL) {
			free(e->only);
			e->only = NULL;
		}
		return 0;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->v = xreallocarray(w->v, w->cap, sizeof(*w->v));
	}
	e = &w->v[w->n++];
	e->wd = wd;
	e->path = xstrdup(path);
	e->only = only ? xstrdup(only) : NULL;
	return 0;
}

/* Watch top and every folder under it. */
int
watch_tree(struct watch *w, const char *top, struct diags *d)
{
	struct flist	 files = { NULL, 0, 0 }, dirs = { NULL, 0, 0 };
	size_t		 i;
	int		 rc = 0;

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
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 rc;

	if (slash == NULL)
		return add_dir(w, ".", path, d);
	dir = slash == path ? xstrdup("/") : xstrndup(path,
	    (size_t)(slash - path));
	rc = add_dir(w, dir, slash + 1, d);
	free(dir);
	return rc;
}

static long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read the pending events; return 1 when one of them matters.  New
 * folders in a tree are watched too. */
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
			if (e->only != NULL && (ev->len == 0 ||
			    strcmp(ev->name, e->only) != 0))
				continue;
			if (ev->len > 0 && ev->name[0] == '.' && e->only == NULL)
				continue;	/* editors' swap files */
			hit = 1;
			if (e->only == NULL && ev->len > 0 &&
			    (ev->mask & IN_ISDIR) &&
			    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
				buf_reset(&sub);
				buf_printf(&sub, "%s/%s", e->path, ev->name);
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
	size_t	 i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++) {
		free(w->v[i].path);
		free(w->v[i].only);
	}
	free(w->v);
	close(w->fd);
	free(w);
}
