/*
 * publish.c — the folder work of an atomic publish: remove a tree,
 * copy a tree of assets, swap a finished folder into place, mirror a
 * site with hard links and exchange two folders in one step.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build/build_int.h"

#define TREE_DEPTH	64	/* deepest folder nesting handled */

static char *
path_join(const char *a, const char *b)
{
	struct buf	 p = BUF_INIT;

	buf_printf(&p, "%s/%s", a, b);
	return buf_detach(&p, NULL);
}

/* Remove path (a file, a link or a folder with all under it). */
static int
remove_at(const char *path, int depth, struct diags *d)
{
	struct stat	 st;
	struct dirent	*e;
	DIR		*dir;
	char		*sub;
	int		 rc = 0;

	if (lstat(path, &st) == -1)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if (depth > TREE_DEPTH) {
		errno = ELOOP;
		return -1;
	}
	if ((dir = opendir(path)) == NULL)
		return -1;
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		sub = path_join(path, e->d_name);
		rc = remove_at(sub, depth + 1, d);
		free(sub);
	}
	closedir(dir);
	return rc == 0 ? rmdir(path) : rc;
}

/* Remove path and everything under it; a missing path is no error. */
int
tree_remove(const char *path, struct diags *d)
{
	if (remove_at(path, 0, d) == -1) {
		diag_add(d, path, 0, 0, SEV_ERROR, "cannot remove: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Copy the regular files under src into dst (created). */
static int
copy_at(const char *src, const char *dst, int depth, struct diags *d)
{
	struct buf	 data = BUF_INIT;
	struct stat	 st;
	struct dirent	*e;
	DIR		*dir;
	char		*from, *to;
	int		 rc = 0;

	if (depth > TREE_DEPTH) {
		diag_add(d, src, 0, 0, SEV_ERROR, "folders nested too deep");
		return -1;
	}
	if (mkdir_p(dst) == -1) {
		diag_add(d, dst, 0, 0, SEV_ERROR, "cannot create folder: %s",
		    strerror(errno));
		return -1;
	}
	if ((dir = opendir(src)) == NULL) {
		diag_add(d, src, 0, 0, SEV_ERROR, "cannot open folder: %s",
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		from = path_join(src, e->d_name);
		to = path_join(dst, e->d_name);
		if (stat(from, &st) == -1)
			;	/* a dangling link: nothing to copy */
		else if (S_ISDIR(st.st_mode))
			rc = copy_at(from, to, depth + 1, d);
		else if (S_ISREG(st.st_mode)) {
			buf_reset(&data);
			if (file_read(from, &data) == -1) {
				diag_add(d, from, 0, 0, SEV_ERROR,
				    "cannot read: %s", strerror(errno));
				rc = -1;
			} else if (file_write(to, data.data ? data.data : "",
			    data.len) == -1) {
				diag_add(d, to, 0, 0, SEV_ERROR,
				    "cannot write: %s", strerror(errno));
				rc = -1;
			}
		}
		free(from);
		free(to);
	}
	closedir(dir);
	buf_free(&data);
	return rc;
}

/* Copy the regular files under src (dot files skipped) into dst. */
int
tree_copy(const char *src, const char *dst, struct diags *d)
{
	return copy_at(src, dst, 0, d);
}

/* Is the folder path empty? */
static int
folder_empty(const char *path)
{
	struct dirent	*e;
	DIR		*dir;
	int		 empty = 1;

	if ((dir = opendir(path)) == NULL)
		return 0;
	while (empty && (e = readdir(dir)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(dir);
	return empty;
}

/* May out be replaced: absent, or a folder that is empty or carries the
 * marker of a site gen built?  Return 1 when it exists, 0 when it does
 * not, -1 (error added) when it must not be touched. */
static int
out_check(const char *out, struct diags *d)
{
	struct stat	 st;
	char		*marker;
	int		 ok;

	if (lstat(out, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		diag_add(d, out, 0, 0, SEV_ERROR, "cannot use output folder: %s",
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_add(d, out, 0, 0, SEV_ERROR,
		    "output folder exists and is not a folder");
		return -1;
	}
	marker = path_join(out, SITE_MARKER);
	ok = lstat(marker, &st) == 0 || folder_empty(out);
	free(marker);
	if (!ok) {
		diag_add(d, out, 0, 0, SEV_ERROR, "refusing to replace a "
		    "folder that gen did not build (no %s in it): remove it "
		    "or choose another output folder", SITE_MARKER);
		return -1;
	}
	return 1;
}

/* Move the folders keep[] (NULL-terminated, may be NULL) of the old
 * site from into the new site to, where to has none of that name. */
static void
carry(const char *from, const char *to, const char *const *keep,
    struct diags *d)
{
	struct stat	 st;
	char		*a, *b;

	for (; keep != NULL && *keep != NULL; keep++) {
		a = path_join(from, *keep);
		b = path_join(to, *keep);
		if (lstat(a, &st) == 0 && S_ISDIR(st.st_mode) &&
		    lstat(b, &st) == -1 && errno == ENOENT &&
		    rename(a, b) == -1)
			diag_add(d, b, 0, 0, SEV_WARNING, "cannot keep %s of "
			    "the previous site: %s", *keep, strerror(errno));
		free(a);
		free(b);
	}
}

/* Swap tmp into place as out; the previous out is removed after. */
int
tree_swap(const char *tmp, const char *out, struct diags *d)
{
	return tree_publish(tmp, out, NULL, d);
}

/* Swap tmp into place as out, as tree_swap(), carrying the folders
 * keep[] (NULL-terminated, may be NULL) of the previous out over. */
int
tree_publish(const char *tmp, const char *out, const char *const *keep,
    struct diags *d)
{
	struct buf	 old = BUF_INIT;
	int		 have;

	if ((have = out_check(out, d)) == -1)
		return -1;
	if (have == 0) {
		if (rename(tmp, out) == -1) {
			diag_add(d, out, 0, 0, SEV_ERROR,
			    "cannot move the new site into place: %s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	buf_printf(&old, "%s.old.%ld", out, (long)getpid());
	if (tree_remove(old.data, d) == -1 || rename(out, old.data) == -1) {
		diag_add(d, out, 0, 0, SEV_ERROR,
		    "cannot move the previous site aside: %s", strerror(errno));
		buf_free(&old);
		return -1;
	}
	if (rename(tmp, out) == -1) {
		diag_add(d, out, 0, 0, SEV_ERROR,
		    "cannot move the new site into place: %s", strerror(errno));
		if (rename(old.data, out) == -1)
			diag_add(d, out, 0, 0, SEV_ERROR,
			    "the previous site is left in %s", old.data);
		buf_free(&old);
		return -1;
	}
	carry(old.data, out, keep, d);
	if (remove_at(old.data, 0, d) == -1)
		diag_add(d, old.data, 0, 0, SEV_WARNING,
		    "cannot remove the previous site: %s", strerror(errno));
	buf_free(&old);
	return 0;
}

/* Write data[0..len) to path, a new file (not through a temporary:
 * the folder is not published yet).  Return 0, or -1 with errno. */
int
file_create(const char *path, const char *data, size_t len)
{
	ssize_t	 n;
	int	 fd, saved;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1)
		return -1;
	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return close(fd);
}

/* ---- Mirrors ---- */

/* Make dst (absent) a tree of hard links to the files rel[0..n) under
 * src (those that are there); folders are created.  Return 0, or -1 after adding an error
 * (dst may then be partial). */
int
tree_mirror(const char *src, const char *dst, const char *const *rel,
    size_t n, struct diags *d)
{
	struct buf	 from = BUF_INIT, to = BUF_INIT, last = BUF_INIT;
	const char	*slash;
	size_t		 i, dlen;
	int		 rc = 0;

	if (mkdir_p(dst) == -1) {
		diag_add(d, dst, 0, 0, SEV_ERROR, "cannot create folder: %s",
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		slash = strrchr(rel[i], '/');
		dlen = slash ? (size_t)(slash - rel[i]) : 0;
		buf_reset(&to);
		if (dlen > 0 && (last.len != dlen ||
		    memcmp(last.data, rel[i], dlen) != 0)) {
			buf_reset(&last);
			buf_put(&last, rel[i], dlen);
			buf_printf(&to, "%s/%s", dst, last.data);
			if (mkdir_p(to.data) == -1) {
				rc = -1;
				break;
			}
			buf_reset(&to);
		}
		buf_reset(&from);
		buf_printf(&from, "%s/%s", src, rel[i]);
		buf_printf(&to, "%s/%s", dst, rel[i]);
		if (link(from.data, to.data) == -1 && errno != ENOENT)
			rc = -1;
	}
	if (rc == -1)
		diag_add(d, to.data, 0, 0, SEV_ERROR, "cannot link: %s",
		    strerror(errno));
	buf_free(&from);
	buf_free(&to);
	buf_free(&last);
	return rc;
}

/* Exchange the folders a and b in one step where the file system can
 * (renameat2 RENAME_EXCHANGE), else by three renames.  Return 0, or -1
 * after adding an error (both are then as they were). */
int
tree_exchange(const char *a, const char *b, struct diags *d)
{
	struct buf	 t = BUF_INIT;
	int		 rc = 0;

#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
		diag_add(d, b, 0, 0, SEV_ERROR, "cannot move the new site "
		    "into place: %s", strerror(errno));
		return -1;
	}
#endif
	buf_printf(&t, "%s.old.%ld", b, (long)getpid());
	if (rename(b, t.data) == -1)
		rc = -1;
	else if (rename(a, b) == -1) {
		rc = -1;
		(void)rename(t.data, b);
	} else if (rename(t.data, a) == -1)
		rc = -1;
	if (rc == -1)
		diag_add(d, b, 0, 0, SEV_ERROR, "cannot move the new site "
		    "into place: %s", strerror(errno));
	buf_free(&t);
	return rc;
}

/* Move the folders keep[] (NULL-terminated) of the site from into the
 * site to where to has none. */
void
tree_carry(const char *from, const char *to, const char *const *keep,
    struct diags *d)
{
	carry(from, to, keep, d);
}
