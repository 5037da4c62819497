/*
 * fuzz_manifest.c — libFuzzer harness: the reader of OUT/.gen-manifest
 * and OUT/.gen-summaries (manifest.c) on arbitrary bytes.  The input is
 * a 32-bit little-endian length L, L bytes of manifest, and the
 * summaries file after them (tests/fuzz/corpus/manifest/ holds real
 * pairs written by a build of content/).  Each is put in a memory file
 * and read through manifest_read(), manifest_more() (references now or,
 * by the input's length, later through manifest_refs()).  A manifest
 * that reads must write again (manifest_write(), into a folder of its
 * own) and the copy must read back with as many documents, outputs and
 * groups.  Built and run by `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "build/build_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A memory file holding data[0..len), named *path: its descriptor. */
static int
memfile(const char *name, const uint8_t *data, size_t len, char *path,
    size_t pathlen)
{
	int	 fd;

	if ((fd = memfd_create(name, MFD_CLOEXEC)) == -1) {
		perror("fuzz: memfd_create");
		abort();
	}
	if (len > 0 && write(fd, data, len) != (ssize_t)len) {
		perror("fuzz: write");
		abort();
	}
	snprintf(path, pathlen, "/proc/self/fd/%d", fd);
	return fd;
}

/* The folder the round trip writes into (made once, removed at exit). */
static char	 dir[64];

static void
rmdir_at_exit(void)
{
	char	 p[96];

	snprintf(p, sizeof(p), "%s/m", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/s", dir);
	unlink(p);
	rmdir(dir);
}

/* Write m into dir and read it back: the copy must hold the same.  The
 * summaries are written only when they changed (else the manifest
 * points into the file they were read from, sums). */
static void
round_trip(const struct manifest *m, const char *sums)
{
	struct manifest	 again;
	char		 mp[96], sp[96];

	if (dir[0] == '\0') {
		snprintf(dir, sizeof(dir), "%s/fuzz-manifest.XXXXXX",
		    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (mkdtemp(dir) == NULL) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(rmdir_at_exit);
	}
	snprintf(mp, sizeof(mp), "%s/m", dir);
	snprintf(sp, sizeof(sp), "%s/s", dir);
	unlink(sp);
	if (manifest_write(mp, sp, m) == -1) {
		perror("fuzz: manifest_write");
		abort();
	}
	if (access(sp, F_OK) == -1)
		snprintf(sp, sizeof(sp), "%s", sums);
	if (manifest_read(mp, &again) == -1 ||
	    manifest_more(&again, sp, 1) == -1) {
		fprintf(stderr, "fuzz: a manifest written does not read "
		    "back\n");
		abort();
	}
	if (again.ndocs != m->ndocs || again.nouts != m->nouts ||
	    again.ngroups != m->ngroups || again.env != m->env) {
		fprintf(stderr, "fuzz: the manifest read back differs\n");
		abort();
	}
	manifest_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest	 m;
	char		 mp[64], sp[64];
	uint32_t	 l;
	size_t		 i;
	int		 mfd, sfd, refs, ok;

	if (size < 4)
		return 0;
	l = (uint32_t)data[0] | (uint32_t)data[1] << 8 |
	    (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
	data += 4;
	size -= 4;
	if (l > size)
		l = (uint32_t)size;
	mfd = memfile("manifest", data, l, mp, sizeof(mp));
	sfd = memfile("summaries", data + l, size - l, sp, sizeof(sp));
	refs = size % 2;
	if (manifest_read(mp, &m) == 0) {
		ok = manifest_more(&m, sp, refs) == 0;
		for (i = 0; ok && i < m.ndocs; i++)
			if (manifest_refs(&m, i) == -1)
				ok = 0;
		if (ok)
			round_trip(&m, sp);
		manifest_free(&m);
	}
	close(mfd);
	close(sfd);
	return 0;
}
