/*
 * test_manifest.c — what incremental builds stand on: the hash, the
 * scan of input folders, the manifest written and read back (and
 * refused when damaged), make's depfile, and packed document trees
 * (in memory and read back from a file a window at a time).
 */
#include <sys/stat.h>

#include <fcntl.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "parse/parse.h"
#include "site/site.h"
#include "build/build_int.h"
#include "unit.h"

static void
write_file(const char *path, const char *s)
{
	assert_int_equal(file_write(path, s, strlen(s)), 0);
}

static char *
tmpdir(void)
{
	char	*t = xstrdup("/tmp/gen-test-manifest-XXXXXX");

	assert_non_null(mkdtemp(t));
	return t;
}

/* ---- Hashing ---- */

static void
test_hash(void **state)
{
	unsigned char	 data[200];
	uint64_t	 seen[200];
	struct hasher	 a = { 1 }, b = { 1 }, c = { 1 };
	size_t		 i, j;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 3);
	/* Every length of the same bytes hashes differently, and the same
	 * input always the same. */
	for (i = 0; i < sizeof(data); i++) {
		seen[i] = hash64(data, i, 0);
		assert_true(seen[i] == hash64(data, i, 0));
		for (j = 0; j < i; j++)
			assert_true(seen[i] != seen[j]);
	}
	/* One bit anywhere changes it; so does the seed. */
	for (i = 0; i < 100; i++) {
		data[i] ^= 1;
		assert_true(hash64(data, 100, 0) != seen[100]);
		data[i] ^= 1;
	}
	assert_true(hash64(data, 100, 1) != seen[100]);
	/* Fields do not run into each other; NULL is not "". */
	hasher_str(&a, "ab");
	hasher_str(&a, "c");
	hasher_str(&b, "a");
	hasher_str(&b, "bc");
	assert_true(a.h != b.h);
	a.h = b.h = 1;
	hasher_str(&a, NULL);
	hasher_str(&b, "");
	assert_true(a.h != b.h);
	hasher_u64(&c, 1);
	b.h = 1;
	hasher_u64(&b, 2);
	assert_true(c.h != b.h);
}

/* ---- Scanning ---- */

static void
test_scan(void **state)
{
	struct flist	 files = { NULL, 0, 0 }, dirs = { NULL, 0, 0 };
	struct diags	 d = DIAGS_INIT;
	char		*t = tmpdir(), p[512], q[512];

	(void)state;
	snprintf(p, sizeof(p), "%s/c/sub", t);
	assert_int_equal(mkdir_p(p), 0);
	snprintf(p, sizeof(p), "%s/c/b.txt", t);
	write_file(p, "bb");
	snprintf(p, sizeof(p), "%s/c/a.md", t);
	write_file(p, "a");
	snprintf(p, sizeof(p), "%s/c/sub/z.markdown", t);
	write_file(p, "z");
	snprintf(p, sizeof(p), "%s/c/notes.doc", t);
	write_file(p, "no");
	snprintf(p, sizeof(p), "%s/c/.hidden.txt", t);
	write_file(p, "no");
	/* A link to a folder is not followed (no loop), a link to a file
	 * is seen as the file. */
	snprintf(p, sizeof(p), "%s/c", t);
	snprintf(q, sizeof(q), "%s/c/sub/loop", t);
	assert_int_equal(symlink(p, q), 0);
	snprintf(p, sizeof(p), "%s/c/b.txt", t);
	snprintf(q, sizeof(q), "%s/c/sub/link.txt", t);
	assert_int_equal(symlink(p, q), 0);
	snprintf(p, sizeof(p), "%s/c", t);
	assert_int_equal(files_scan(p, 1, 2, &files, &dirs, &d), 0);
	assert_int_equal(files.n, 4);
	assert_non_null(strstr(files.v[0].path, "/c/a.md"));
	assert_non_null(strstr(files.v[1].path, "/c/b.txt"));
	assert_non_null(strstr(files.v[2].path, "/c/sub/link.txt"));
	assert_int_equal(files.v[2].size, 2);
	assert_int_equal(files.v[2].ino, files.v[1].ino);
	assert_non_null(strstr(files.v[3].path, "/c/sub/z.markdown"));
	assert_int_equal(files.v[1].size, 2);
	assert_true(files.v[1].mtime > 0);
	assert_int_equal(dirs.n, 2);
	flist_free(&files);
	flist_free(&dirs);
	/* Every file when not content; a missing folder is an error. */
	assert_int_equal(files_scan(p, 0, 1, &files, NULL, &d), 0);
	assert_int_equal(files.n, 6);
	flist_free(&files);
	snprintf(p, sizeof(p), "%s/none", t);
	assert_int_equal(files_scan(p, 1, 1, &files, NULL, &d), -1);
	assert_int_equal(diags_count(&d, SEV_ERROR), 1);
	assert_int_equal(files.n, 0);
	diags_free(&d);
	assert_int_equal(tree_remove(t, &d), 0);
	free(t);
}

/* A folder of more files than a thread stats at a time: the same list,
 * stat data and all, on one thread as on several. */
static void
test_scan_threads(void **state)
{
	struct flist	 one = { NULL, 0, 0 }, many = { NULL, 0, 0 };
	struct diags	 d = DIAGS_INIT;
	char		*t = tmpdir(), p[512];
	size_t		 i;

	(void)state;
	for (i = 0; i < 700; i++) {
		snprintf(p, sizeof(p), "%s/f%03zu.%s", t, i,
		    i % 7 == 0 ? "doc" : "txt");
		write_file(p, i % 2 ? "odd" : "even!");
	}
	assert_int_equal(files_scan(t, 1, 1, &one, NULL, &d), 0);
	assert_int_equal(files_scan(t, 1, 4, &many, NULL, &d), 0);
	assert_int_equal(one.n, 600);
	assert_int_equal(many.n, one.n);
	for (i = 0; i < one.n; i++) {
		assert_string_equal(many.v[i].path, one.v[i].path);
		assert_int_equal(many.v[i].size, one.v[i].size);
		assert_int_equal(many.v[i].ino, one.v[i].ino);
		assert_true(many.v[i].mtime == one.v[i].mtime);
		assert_true(one.v[i].mtime > 0);
		if (i > 0)
			assert_true(strcmp(one.v[i - 1].path,
			    one.v[i].path) < 0);
	}
	assert_int_equal(one.v[0].size, 3);	/* f001.txt */
	assert_int_equal(one.v[1].size, 5);
	flist_free(&one);
	flist_free(&many);
	assert_int_equal(diags_count(&d, SEV_ERROR), 0);
	assert_int_equal(tree_remove(t, &d), 0);
	free(t);
}

/* ---- The manifest ---- */

static void
fill_manifest(struct manifest *m, struct mdoc *docs, struct sref *refs,
    struct mout *outs, struct mfile *tpl, const char **dirs)
{
	memset(m, 0, sizeof(*m));
	memset(docs, 0, 2 * sizeof(*docs));
	tpl[0].path = "templates/doc.mustache";
	tpl[0].size = 10;
	tpl[0].mtime = 1234567890123LL;
	tpl[0].ino = 42;
	tpl[0].hash = 0xABCDEF;
	docs[0].f.path = "content/a.txt";
	docs[0].f.size = 100;
	docs[0].f.mtime = -1;
	docs[0].f.hash = 7;
	docs[0].ok = 1;
	diag_add(&docs[0].parse, "content/a.txt", 3, 1, SEV_WARNING,
	    "item 5 is missing");
	docs[0].sum.title = "标题";
	docs[0].sum.year = 2024;
	docs[0].sum.org = NULL;
	docs[0].sum.kind = "工作要点";
	docs[0].sum.encoding = "GB18030";
	docs[0].sum.format = "text";
	docs[0].sum.counts.sections = 3;
	docs[0].sum.counts.items = 9;
	docs[0].sum.key = 99;
	refs[0].tag = "办实事项目25";
	refs[0].anchor = "i3";
	refs[0].label = NULL;
	refs[0].text = "提高筹资标准。";
	refs[0].line = 12;
	refs[0].seq = 30;
	refs[0].type = NODE_ITEM;
	refs[0].tkey = 5;
	refs[0].key = 6;
	docs[0].sum.refs = refs;
	docs[0].sum.nrefs = 1;
	docs[1].f.path = "content/b.txt";
	docs[1].ok = 0;
	diag_add(&docs[1].parse, "content/b.txt", 0, 0, SEV_ERROR,
	    "invalid byte 0xff");
	m->env = 0x1234;
	m->tpl = tpl;
	m->ntpl = 1;
	m->docs = docs;
	m->ndocs = 2;
	diag_add(&m->site, "content/a.txt", 0, 0, SEV_WARNING, "renamed");
	outs[0].path = "a.html";
	outs[0].key = 11;
	outs[1].path = "tag/办实事项目25.html";
	outs[1].key = 12;
	m->outs = outs;
	m->nouts = 2;
	dirs[0] = "";
	dirs[1] = "tag";
	m->dirs = dirs;
	m->ndirs = 2;
}

static void
test_manifest_roundtrip(void **state)
{
	struct manifest	 m, r;
	struct mdoc	 docs[2];
	struct sref	 refs[1];
	struct mout	 outs[2];
	struct mfile	 tpl[1];
	const char	*dirs[2];
	struct buf	 b = BUF_INIT;
	struct diags	 d = DIAGS_INIT;
	struct stat	 st1, st2;
	char		*t = tmpdir(), p[512], s[512];

	(void)state;
	fill_manifest(&m, docs, refs, outs, tpl, dirs);
	snprintf(p, sizeof(p), "%s/.gen-manifest", t);
	snprintf(s, sizeof(s), "%s/.gen-summaries", t);
	assert_int_equal(manifest_write(p, s, &m), 0);
	assert_int_equal(manifest_read(p, &r), 0);
	assert_int_equal(r.env, 0x1234);
	assert_int_equal(r.ntpl, 1);
	assert_string_equal(r.tpl[0].path, "templates/doc.mustache");
	assert_int_equal(r.tpl[0].mtime, 1234567890123LL);
	assert_int_equal(r.tpl[0].ino, 42);
	assert_int_equal(r.tpl[0].hash, 0xABCDEF);
	assert_int_equal(r.ndirs, 2);
	assert_string_equal(r.dirs[1], "tag");
	assert_int_equal(r.ndocs, 2);
	assert_int_equal(r.docs[0].f.mtime, -1);
	assert_int_equal(r.docs[0].parse.n, 1);
	assert_string_equal(r.docs[0].parse.v[0].msg, "item 5 is missing");
	assert_int_equal(r.docs[0].parse.v[0].line, 3);
	assert_int_equal(r.docs[1].ok, 0);
	assert_int_equal(r.docs[1].parse.v[0].sev, SEV_ERROR);
	assert_int_equal(r.site.n, 1);
	/* The summaries and outputs come with manifest_more(). */
	assert_null(r.outs);
	assert_int_equal(manifest_more(&r, s, 1), 0);
	assert_int_equal(r.nouts, 2);
	assert_string_equal(r.outs[1].path, "tag/办实事项目25.html");
	assert_int_equal(r.outs[1].key, 12);
	assert_string_equal(r.docs[0].sum.title, "标题");
	assert_null(r.docs[0].sum.org);
	assert_string_equal(r.docs[0].sum.kind, "工作要点");
	assert_string_equal(r.docs[0].sum.source, "content/a.txt");
	assert_int_equal(r.docs[0].sum.counts.items, 9);
	assert_int_equal(r.docs[0].sum.key, 99);
	assert_int_equal(r.docs[0].sum.nrefs, 1);
	assert_string_equal(r.docs[0].sum.refs[0].tag, "办实事项目25");
	assert_null(r.docs[0].sum.refs[0].label);
	assert_int_equal(r.docs[0].sum.refs[0].seq, 30);
	assert_int_equal(r.docs[0].sum.refs[0].type, NODE_ITEM);
	assert_int_equal(r.docs[0].sum.refs[0].key, 6);
	/* Summaries that are all raw records of the old file are not
	 * written again. */
	assert_int_equal(stat(s, &st1), 0);
	docs[0].raw = r.docs[0].raw;
	docs[0].rawlen = r.docs[0].rawlen;
	m.sums_map = r.sums_map;
	m.sums_len = r.sums_len;
	m.sums_id = r.sums_id;
	assert_int_equal(manifest_write(p, s, &m), 0);
	assert_int_equal(stat(s, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino);
	manifest_free(&r);
	assert_int_equal(manifest_read(p, &r), 0);
	assert_int_equal(manifest_more(&r, s, 1), 0);
	assert_string_equal(r.docs[0].sum.refs[0].text, "提高筹资标准。");
	manifest_free(&r);
	/* Damaged: cut short, another version, summaries of another. */
	assert_int_equal(file_read(p, &b), 0);
	assert_int_equal(file_write(p, b.data, b.len - 3), 0);
	assert_int_equal(manifest_read(p, &r), -1);
	assert_null(r.docs);
	assert_memory_equal(b.data + 16, GEN_VERSION, strlen(GEN_VERSION));
	b.data[16] = (char)(b.data[16] + 1);
	assert_int_equal(file_write(p, b.data, b.len), 0);
	assert_int_equal(manifest_read(p, &r), -1);
	docs[0].raw = NULL;
	m.sums_map = NULL;
	assert_int_equal(manifest_write(p, s, &m), 0);
	docs[0].sum.counts.items = 10;
	docs[0].sum.key = 100;
	snprintf(s, sizeof(s), "%s/other", t);
	assert_int_equal(manifest_write(p, s, &m), 0);
	snprintf(s, sizeof(s), "%s/.gen-summaries", t);
	assert_int_equal(manifest_read(p, &r), 0);
	assert_int_equal(manifest_more(&r, s, 1), -1);
	manifest_free(&r);
	assert_int_equal(manifest_read("/nonexistent/.gen-manifest", &r), -1);
	buf_free(&b);
	diags_free(&docs[0].parse);
	diags_free(&docs[1].parse);
	diags_free(&m.site);
	assert_int_equal(tree_remove(t, &d), 0);
	free(t);
}

/* ---- The depfile ---- */

static void
test_depfile(void **state)
{
	static const char *const in[] = { "content/a b.txt", "cost$.md",
	    "t/x#1.mustache" };
	struct diags	 d = DIAGS_INIT;
	struct buf	 b = BUF_INIT;
	struct stat	 st1, st2;
	char		*t = tmpdir(), p[512];

	(void)state;
	snprintf(p, sizeof(p), "%s/site.d", t);
	assert_int_equal(depfile_write(p, "build/site.stamp", in, 3, &d), 0);
	assert_int_equal(file_read(p, &b), 0);
	assert_string_equal(b.data, "build/site.stamp: \\\n"
	    "  content/a\\ b.txt \\\n  cost$$.md \\\n  t/x\\#1.mustache\n"
	    "\ncontent/a\\ b.txt:\n\ncost$$.md:\n\nt/x\\#1.mustache:\n");
	/* The same rule again: the file is left alone. */
	assert_int_equal(stat(p, &st1), 0);
	assert_int_equal(depfile_write(p, "build/site.stamp", in, 3, &d), 0);
	assert_int_equal(stat(p, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino);
	assert_int_equal(depfile_write(p, "build/site.stamp", in, 2, &d), 0);
	assert_int_equal(stat(p, &st2), 0);
	assert_true(st1.st_ino != st2.st_ino);
	assert_int_equal(d.n, 0);
	buf_free(&b);
	assert_int_equal(tree_remove(t, &d), 0);
	free(t);
}

/* ---- Packed trees ---- */

static const char plan[] =
"---\n"
"title: 2023年测试区卫生健康工作要点\n"
"year: 2023\n"
"org: 测试区\n"
"unit: 卫健委\n"
"---\n"
"总体要求段落。\n"
"\n"
"一、加强监管\n"
"\n"
"（一）医疗服务\n"
"\n"
"1.全面落实依法执业监管。一是开展检查；二是加强培训。（办实事项目19）\n"
"\n"
"2.提升消毒产品监管。内容。\n"
"\n"
"二、公共卫生\n"
"\n"
"3.推进疾病预防。（区政府折子工程8）\n";

/* doc_pack_put()'s put: append to the buffer arg. */
static int
pack_append(void *arg, const char *data, size_t len)
{
	buf_put(arg, data, len);
	return 0;
}

static void
test_pack(void **state)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 packed = BUF_INIT, j1 = BUF_INIT, j2 = BUF_INIT;
	struct doc	*doc, *back;
	char		 err[256];
	size_t		 i;

	(void)state;
	config_defaults(&cfg);
	doc = doc_parse("content/plan.txt", plan, sizeof(plan) - 1, &cfg, &d);
	assert_non_null(doc);
	doc_pack(doc, &packed);
	back = doc_unpack(doc->source, packed.data, packed.len);
	assert_non_null(back);
	assert_int_equal(tree_check(back, err, sizeof(err)), 0);
	doc_json(doc, &j1, 2);
	doc_json(back, &j2, 2);
	assert_string_equal(j1.data, j2.data);
	assert_string_equal(back->encoding, doc->encoding);
	assert_int_equal(back->nextra, 1);
	assert_string_equal(back->extra[0].value, "卫健委");
	doc_free(back);
	/* Damaged data never makes a tree: every cut, and bad bytes. */
	for (i = 0; i < packed.len; i += 7)
		assert_null(doc_unpack("x", packed.data, i));
	packed.data[0] ^= 1;
	assert_null(doc_unpack("x", packed.data, packed.len));
	doc_free(doc);
	buf_free(&packed);
	buf_free(&j1);
	buf_free(&j2);
	diags_free(&d);
	config_free(&cfg);
}

/* A packed tree of many windows (a document of 60,000 items, packed
 * in pieces by doc_pack_put()) read back from a file a window at a time
 * (doc_unpack_file()) is the tree doc_unpack() makes of the same bytes;
 * a cut anywhere, or a file that cannot be read, makes none. */
static void
test_pack_file(void **state)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 text = BUF_INIT, packed = BUF_INIT, piece = BUF_INIT;
	struct buf	 j1 = BUF_INIT, j2 = BUF_INIT;
	struct doc	*doc, *back;
	char		*dir = tmpdir(), path[256];
	const size_t	 off = 4096;
	size_t		 i, cut;
	int		 fd;

	(void)state;
	config_defaults(&cfg);
	for (i = 0; i < 30000; i++)
		buf_printf(&text, "%d.第%zu项工作。\n（1）分项%zu，完成%zu个。\n",
		    (int)(i % 2) + 1, i, i, i % 97 + 1);
	doc = doc_parse("content/long.txt", text.data, text.len, &cfg, &d);
	assert_non_null(doc);
	/* in pieces: the bytes doc_pack() gives */
	doc_pack(doc, &j1);
	assert_int_equal(doc_pack_put(doc, &piece, pack_append, &packed), 0);
	assert_int_equal(piece.len, 0);
	assert_int_equal(packed.len, j1.len);
	assert_memory_equal(packed.data, j1.data, j1.len);
	assert_true(packed.len > 3 * 1024 * 1024);
	buf_reset(&j1);
	snprintf(path, sizeof(path), "%s/scratch", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "x", 1, 0), 1);
	assert_int_equal(pwrite(fd, packed.data, packed.len, (off_t)off),
	    (ssize_t)packed.len);
	back = doc_unpack_file("content/long.txt", fd, off, packed.len);
	assert_non_null(back);
	/* the key figures come with their nodes, not scanned for again */
	assert_true(doc->nfigs > 10000);
	assert_int_equal(back->nfigs, doc->nfigs);
	for (i = 0; i < doc->nfigs; i++) {
		assert_int_equal(back->figs[i].node->line,
		    doc->figs[i].node->line);
		assert_string_equal(back->figs[i].subject,
		    doc->figs[i].subject);
		assert_true(back->figs[i].num == doc->figs[i].num);
	}
	doc_json(doc, &j1, 0);
	doc_json(back, &j2, 0);
	assert_int_equal(j1.len, j2.len);
	assert_memory_equal(j1.data, j2.data, j1.len);
	doc_free(back);
	back = doc_unpack("content/long.txt", packed.data, packed.len);
	assert_non_null(back);
	buf_reset(&j2);
	doc_json(back, &j2, 0);
	assert_memory_equal(j1.data, j2.data, j1.len);
	doc_free(back);
	/* cut short, or starting one byte late */
	for (cut = 1; cut < 8; cut++)
		assert_null(doc_unpack_file("x", fd, off, packed.len * cut / 8));
	assert_null(doc_unpack_file("x", fd, off, packed.len - 1));
	assert_null(doc_unpack_file("x", fd, off + 1, packed.len - 1));
	close(fd);
	assert_null(doc_unpack_file("x", fd, off, packed.len));
	unlink(path);
	rmdir(dir);
	free(dir);
	doc_free(doc);
	buf_free(&text);
	buf_free(&packed);
	buf_free(&piece);
	buf_free(&j1);
	buf_free(&j2);
	diags_free(&d);
	config_free(&cfg);
}

/*
 * Every file of tests/fuzz/corpus/pack/ (packed trees of content/ and the
 * inputs fuzz_pack found, e.g. a field packed without a name) is read as
 * the fuzzer reads it: refused, or a tree that writes as JSON and packs,
 * unpacks and packs again to the same bytes.
 */
static void
pack_one(const char *path, const struct buf *data, void *arg)
{
	struct buf	 json = BUF_INIT, p1 = BUF_INIT, p2 = BUF_INIT;
	struct doc	*doc, *again;

	(void)path;
	(void)arg;
	if ((doc = doc_unpack("x.txt", data->data, data->len)) == NULL)
		return;
	doc_json(doc, &json, 2);
	doc_pack(doc, &p1);
	again = doc_unpack("x.txt", p1.data, p1.len);
	assert_non_null(again);
	doc_pack(again, &p2);
	assert_int_equal(p1.len, p2.len);
	assert_memory_equal(p1.data, p2.data, p1.len);
	doc_free(again);
	doc_free(doc);
	buf_free(&p2);
	buf_free(&p1);
	buf_free(&json);
}

static void
test_pack_corpus(void **state)
{
	int	 files;

	(void)state;
	if ((files = each_file("tests/fuzz/corpus/pack", pack_one,
	    NULL)) == -1)
		skip();
	assert_true(files > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_scan_threads),
		cmocka_unit_test(test_manifest_roundtrip),
		cmocka_unit_test(test_depfile),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_pack_file),
		cmocka_unit_test(test_pack_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
