/*
 * publish.c — the folder work of an atomic publish: remove a tree,
 * copy a tree of assets, swap a finished folder into place, mirror a
 * site with hard links and exchange two folders in one step.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
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

/* Make dst (absent) a copy of the tree src: files hard-linked (copied
 * where they cannot be), links copied, folders made. */
static int
link_at(const char *src, const char *dst, int depth, struct diags *d)
{
	struct buf	 data = BUF_INIT;
	struct stat	 st;
	struct dirent	*e;
	DIR		*dir;
	char		*from, *to, target[4096];
	ssize_t		 n;
	int		 rc = 0;

	if (depth > TREE_DEPTH) {
		diag_add(d, src, 0, 0, SEV_ERROR, "folders nested too deep");
		return -1;
	}
	if (mkdir(dst, 0755) == -1 || (dir = opendir(src)) == NULL) {
		diag_add(d, dst, 0, 0, SEV_ERROR, "cannot copy %s: %s", src,
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		from = path_join(src, e->d_name);
		to = path_join(dst, e->d_name);
		if (lstat(from, &st) == -1)
			;	/* gone meanwhile */
		else if (S_ISDIR(st.st_mode))
			rc = link_at(from, to, depth + 1, d);
		else if (S_ISLNK(st.st_mode)) {
			if ((n = readlink(from, target, sizeof(target) - 1)) < 0 ||
			    (target[n] = '\0', symlink(target, to)) == -1) {
				diag_add(d, to, 0, 0, SEV_ERROR,
				    "cannot copy: %s", strerror(errno));
				rc = -1;
			}
		} else if (S_ISREG(st.st_mode) && link(from, to) == -1) {
			buf_reset(&data);
			if (file_read(from, &data) == -1 ||
			    file_create(to, buf_cstr(&data), data.len) == -1) {
				diag_add(d, to, 0, 0, SEV_ERROR,
				    "cannot copy: %s", strerror(errno));
				rc = -1;
			}
		}
		free(from);
		free(to);
		if (rc == -1)
			break;
	}
	closedir(dir);
	buf_free(&data);
	return rc;
}

/* Give the new site to the folders keep[] (NULL-terminated, may be
 * NULL) of the site from, as they are there (hard links: from keeps
 * them), in place of any of those names it has.  Done before the swap,
 * so that no moment and no folder gen removes holds the only copy.
 * Return 0, or -1 after adding an error. */
static int
carry(const char *from, const char *to, const char *const *keep,
    struct diags *d)
{
	struct stat	 st;
	char		*a, *b;
	int		 rc = 0;

	for (; rc == 0 && keep != NULL && *keep != NULL; keep++) {
		a = path_join(from, *keep);
		b = path_join(to, *keep);
		if (tree_remove(b, d) == -1)
			rc = -1;
		else if (lstat(a, &st) == 0 && S_ISDIR(st.st_mode) &&
		    link_at(a, b, 0, d) == -1)
			rc = -1;
		free(a);
		free(b);
	}
	return rc;
}

/* Swap tmp into place as out; the previous out is removed after. */
int
tree_swap(const char *tmp, const char *out, struct diags *d)
{
	return tree_publish(tmp, out, NULL, d);
}

/* Swap tmp into place as out, as tree_swap(), carrying the folders
 * keep[] (NULL-terminated, may be NULL) of the previous out over first.
 * The swap is one exchange (tree_exchange()): at every moment out/ is
 * the old site or the new one, whole; after it tmp holds the old site,
 * which is removed (a leftover the next build removes, when it is
 * marked, should this one be killed meanwhile). */
int
tree_publish(const char *tmp, const char *out, const char *const *keep,
    struct diags *d)
{
	int	 have;

	if ((have = out_check(out, d)) == -1)
		return -1;
	if (have == 0) {
		if (rename(tmp, out) == -1) {
			diag_add(d, out, 0, 0, SEV_ERROR,
			    "cannot move the new site into place: %s",
			    strerror(errno));
			return -1;
		}
		leftover_unmark(tmp);
		return 0;
	}
	if (carry(out, tmp, keep, d) == -1)
		return -1;
	test_stop("before-swap");
	if (tree_exchange(tmp, out, d) == -1)
		return -1;
	test_stop("after-swap");
	if (remove_at(tmp, 0, d) == -1)
		diag_add(d, tmp, 0, 0, SEV_WARNING,
		    "cannot remove the previous site: %s", strerror(errno));
	else
		leftover_unmark(tmp);
	return 0;
}

/* Write data[0..len) to path, a new file (not through a temporary:
 * the folder is not published yet).  Return 0, or -1 with errno. */
int
file_create(const char *path, const char *data, size_t len)
{
	int	 fd, saved;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1)
		return -1;
	if (fd_write_all(fd, data, len) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* Test hook: when set, file_copy() does as on a kernel without
 * copy_file_range (ENOSYS): it writes from memory. */
int	file_copy_nokernel;

/* The first len bytes of the file from into the open file out, in the
 * kernel (copy_file_range: no trip through user space).  Return 0, or
 * -1 when the kernel or the file systems refuse (EXDEV across file
 * systems on older kernels, ENOSYS, EINVAL, EOPNOTSUPP) or from is no
 * longer len bytes long (it changed since it was read), out then empty
 * again; -2 when out could not be emptied after a part was copied. */
static int
copy_kernel(const char *from, int out, size_t len)
{
	struct stat	 st;
	ssize_t		 n;
	int		 in, rc = 0, copied = 0;

	if (file_copy_nokernel) {
		errno = ENOSYS;
		return -1;
	}
	if ((in = open(from, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(in, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size != len) {
		close(in);
		errno = ESTALE;
		return -1;
	}
	while (len > 0) {
		n = copy_file_range(in, NULL, out, NULL, len, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {		/* refused, or the file shrank */
			if (n == 0)
				errno = ESTALE;
			rc = -1;
			break;
		}
		len -= (size_t)n;
		copied = 1;
	}
	close(in);
	/* Part copied: start again from memory. */
	if (rc == -1 && copied && (lseek(out, 0, SEEK_SET) == -1 ||
	    ftruncate(out, 0) == -1))
		rc = -2;
	return rc;
}

/* Write path with data[0..len), the bytes read from the file from
 * (NULL: none): copied from from in the kernel where it can
 * (copy_kernel()), else written from data (the same bytes).  Straight
 * when the folder is not published yet (file_create()), else through
 * path.tmp.PID and rename(2) (file_write()).  Return 0, or -1 with
 * errno. */
int
file_copy(const char *from, const char *path, const char *data, size_t len,
    int atomic)
{
	struct buf	 tmp = BUF_INIT;
	const char	*dst = path;
	int		 fd, saved, rc;

	if (from == NULL)
		return atomic ? file_write(path, data, len) :
		    file_create(path, data, len);
	if (atomic) {
		buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
		dst = tmp.data;
	}
	if ((fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1)
		goto fail;
	if ((rc = copy_kernel(from, fd, len)) == -2 ||
	    (rc == -1 && fd_write_all(fd, data, len) == -1)) {
		saved = errno;
		close(fd);
		if (atomic)
			unlink(dst);
		errno = saved;
		goto fail;
	}
	if (close(fd) == -1 || (atomic && rename(dst, path) == -1)) {
		saved = errno;
		if (atomic)
			unlink(dst);
		errno = saved;
		goto fail;
	}
	buf_free(&tmp);
	return 0;
fail:
	saved = errno;
	buf_free(&tmp);
	errno = saved;
	return -1;
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

/* Exchange the folders a and b in one step (renameat2 RENAME_EXCHANGE):
 * there is no moment when either name is missing.  A file system that
 * cannot is an error: gen publishes in one step or not at all.  Return
 * 0, or -1 after adding an error (both are then as they were). */
int
tree_exchange(const char *a, const char *b, struct diags *d)
{
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0)
		return 0;
	if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP)
		diag_add(d, b, 0, 0, SEV_ERROR, "cannot publish: this file "
		    "system cannot exchange two folders in one step "
		    "(renameat2 RENAME_EXCHANGE: %s); choose an output "
		    "folder on another file system", strerror(errno));
	else
		diag_add(d, b, 0, 0, SEV_ERROR, "cannot move the new site "
		    "into place: %s", strerror(errno));
#else
	(void)a;
	diag_add(d, b, 0, 0, SEV_ERROR, "cannot publish: gen was built "
	    "without renameat2 RENAME_EXCHANGE");
#endif
	return -1;
}

/* Give the new site to the folders keep[] (NULL-terminated) of the
 * site from (see carry()).  Return 0, or -1 after adding an error. */
int
tree_carry(const char *from, const char *to, const char *const *keep,
    struct diags *d)
{
	return carry(from, to, keep, d);
}

/* ---- Leftovers ---- */

/*
 * A folder gen names OUT.tmp.PID or OUT.old.PID is a leftover when a
 * build is killed.  It is gen's only when the marker beside it says so
 * (PARENT/.NAME.gen-leftover, made before the folder takes the name
 * and removed after it is gone): a folder of that name that someone
 * else made (a backup, cp -a out out.old.20240101) is never removed.
 * The marker sits beside the folder, not in it, since the folder an
 * exchange leaves under the name is the other one.
 */

/* The marker of the leftover path, malloc'ed. */
static char *
leftover_marker(const char *path)
{
	const char	*slash = strrchr(path, '/');
	struct buf	 m = BUF_INIT;

	if (slash == NULL)
		buf_printf(&m, ".%s.gen-leftover", path);
	else
		buf_printf(&m, "%.*s/.%s.gen-leftover",
		    (int)(slash - path), path, slash + 1);
	return buf_detach(&m, NULL);
}

/* Is path, when it exists, gen's own leftover (marked)? */
int
leftover_ours(const char *path)
{
	struct stat	 st;
	char		*m = leftover_marker(path);
	int		 ours = lstat(m, &st) == 0 && S_ISREG(st.st_mode);

	free(m);
	return ours;
}

/* Mark path as gen's before it takes that name.  Return 0, or -1 after
 * adding an error. */
int
leftover_mark(const char *path, struct diags *d)
{
	char	*m = leftover_marker(path);
	int	 rc = file_create(m, "gen\n", 4);

	if (rc == -1)	/* the folder's own first step */
		diag_add(d, path, 0, 0, SEV_ERROR, "cannot create folder: %s",
		    strerror(errno));
	free(m);
	return rc;
}

/* Remove the marker of path (its folder gone or renamed). */
void
leftover_unmark(const char *path)
{
	char	*m = leftover_marker(path);

	(void)unlink(m);
	free(m);
}

/* Make room for gen's own folder path: remove what is there when it is
 * a marked leftover; refuse anything else.  Then mark path.  Return 0,
 * or -1 after adding an error. */
int
leftover_clear(const char *path, struct diags *d)
{
	struct stat	 st;

	if (lstat(path, &st) == 0 && !leftover_ours(path)) {
		diag_add(d, path, 0, 0, SEV_ERROR, "refusing to remove a "
		    "folder gen did not leave (no marker beside it): move "
		    "it away");
		return -1;
	}
	if (tree_remove(path, d) == -1)
		return -1;
	return leftover_mark(path, d);
}

/* Remove gen's folder path and then its marker.  Return 0, or -1 after
 * adding an error (the marker stays: the next build removes it). */
int
leftover_remove(const char *path, struct diags *d)
{
	if (tree_remove(path, d) == -1)
		return -1;
	leftover_unmark(path);
	return 0;
}

/* A test hook (documented in README, "Testing"): when the environment
 * variable GEN_TEST_STOP names point, gen kills itself there (SIGKILL:
 * nothing cleans up), so tests can stop a build at a named point. */
void
test_stop(const char *point)
{
	const char	*e = getenv("GEN_TEST_STOP");

	if (e != NULL && strcmp(e, point) == 0)
		(void)raise(SIGKILL);
}
