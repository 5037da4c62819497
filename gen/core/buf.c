/*
 * buf.c — growable buffers, arenas, allocation wrappers, file I/O.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core_int.h"

/* ---- Allocation ---- */

/* Print that memory is exhausted and exit 3. */
void
die_oom(void)
{
	static const char msg[] = "gen: out of memory\n";

	(void)!write(2, msg, sizeof(msg) - 1);
	_exit(3);
}

/* Return n bytes, never NULL. */
void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		die_oom();
	return p;
}

/* Return n*size zeroed bytes, never NULL. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die_oom();
	return p;
}

/* Resize p to n bytes, never NULL. */
void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		die_oom();
	return p;
}

/* Resize p to n*size bytes, checking the product; never NULL. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		die_oom();
	return xrealloc(p, n * size);
}

/* Return a copy of s owned by the caller. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Return a NUL-terminated copy of s[0..n) owned by the caller. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- Buffers ---- */

/* Make room for extra more bytes plus the terminating NUL. */
void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		die_oom();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
	b->data[b->len] = '\0';
}

/* Append n bytes of p, growing the buffer (buf_put's slow path). */
void
buf_put_grow(struct buf *b, const void *p, size_t n)
{
	if (n == 0) {
		if (b->data == NULL)
			buf_grow(b, 0);
		return;
	}
	buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Append the C string s. */
void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

/* Append one byte, growing the buffer (buf_putc's slow path). */
void
buf_putc_grow(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

/* Append printf-formatted text. */
void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

/* Append printf-formatted text. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Empty the buffer, keeping its memory. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* Release the buffer's memory; it is empty and reusable afterwards. */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* Hand the NUL-terminated contents to the caller (never NULL); the
 * buffer is left empty.  *len, when not NULL, gets the length. */
char *
buf_detach(struct buf *b, size_t *len)
{
	char	*p;

	if (b->data == NULL)
		buf_grow(b, 0);
	p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* Contents as a C string ("" when empty); the buffer keeps ownership. */
const char *
buf_cstr(const struct buf *b)
{
	return b->data ? b->data : "";
}

/* ---- Arenas ---- */

#define ARENA_BLOCK (64 * 1024 - sizeof(struct arena_block))

/* Return n bytes (a multiple of 16) from a new block: n alone when it
 * is big, else a fresh head block. */
void *
arena_bytes_grow(struct arena *a, size_t n)
{
	struct arena_block	*b;
	size_t			 size;

	size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
	b = xmalloc(sizeof(*b) + size);
	b->used = n;
	b->size = size;
	if (size == n && a->head != NULL) {
		/* A big block: keep the current one for small allocations
		 * by linking this one behind it. */
		b->next = a->head->next;
		a->head->next = b;
	} else {
		b->next = a->head;
		a->head = b;
	}
	return b->data;
}

/* Note in *m how far arena a is filled, for arena_release(). */
void
arena_mark(const struct arena *a, struct arena_mark *m)
{
	m->head = a->head;
	m->behind = a->head != NULL ? a->head->next : NULL;
	m->used = a->head != NULL ? a->head->used : 0;
}

/* Free what a gave out since the mark m was taken (marks are released
 * last taken, first released): the blocks added since, in front of the
 * head of then or, when big, right behind it (arena_bytes_grow()). */
void
arena_release(struct arena *a, const struct arena_mark *m)
{
	struct arena_block	*b;

	while ((b = a->head) != m->head) {
		a->head = b->next;
		free(b);
	}
	if (b == NULL)
		return;
	while (b->next != m->behind) {
		struct arena_block	*big = b->next;

		b->next = big->next;
		free(big);
	}
	b->used = m->used;
}

/* Return a NUL-terminated copy of s[0..n) owned by the arena, packed
 * (not aligned: a document holds a few short strings a line). */
char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	struct arena_block	*b = a->head;
	char			*p;

	if (b != NULL && n < b->size - b->used) {
		p = (char *)b->data + b->used;
		b->used += n + 1;
	} else
		p = arena_bytes(a, n + 1);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Return a copy of s owned by the arena. */
char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* Return printf-formatted text owned by the arena. */
char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* Free every block of the arena; it is empty and reusable afterwards. */
void
arena_free(struct arena *a)
{
	struct arena_block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

/* ---- Files ---- */

/* Append the whole file at path to out.  Return 0, or -1 with errno. */
int
file_read(const char *path, struct buf *out)
{
	return file_read_max(path, SIZE_MAX - 1, out);
}

/* Append the file at path to out, refusing one of more than max bytes
 * (EFBIG; out may then hold part of it).  A FIFO without a writer reads
 * as empty instead of blocking.  Return 0, or -1 with errno. */
int
file_read_max(const char *path, size_t max, struct buf *out)
{
	struct stat	 st;
	ssize_t		 n;
	size_t		 start = out->len, room;
	int		 fd, fl, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return -1;
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1 ||
	    fstat(fd, &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		buf_grow(out, (size_t)st.st_size);
	for (;;) {
		buf_grow(out, 64 * 1024);
		room = out->cap - out->len - 1;
		if (room > max - (out->len - start) + 1)
			room = max - (out->len - start) + 1;
		n = read(fd, out->data + out->len, room);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len - start > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	close(fd);
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* Write data[0..len) to the open file fd, again after a short write or
 * EINTR.  Return 0, or -1 with errno. */
int
fd_write_all(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write data to path through path.tmp.PID and rename(2), so readers see
 * the old file or the new one, never half.  Return 0, or -1 with errno. */
int
file_write(const char *path, const void *data, size_t len)
{
	struct buf	 tmp = BUF_INIT;
	int		 fd, saved;

	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd == -1)
		goto fail;
	if (fd_write_all(fd, data, len) == -1) {
		saved = errno;
		close(fd);
		unlink(tmp.data);
		errno = saved;
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp.data, path) == -1) {
		saved = errno;
		unlink(tmp.data);
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

/* Create path and its missing parents.  Return 0, or -1 with errno. */
int
mkdir_p(const char *path)
{
	char	*p, *s;
	int	 rc = 0;

	if (*path == '\0')
		return 0;
	s = xstrdup(path);
	for (p = s + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(s, 0755) == -1 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(s);
	return rc;
}
