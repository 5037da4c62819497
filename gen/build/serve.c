/*
 * serve.c — gen serve's HTTP side, through libmicrohttpd: the files of
 * out/ on 127.0.0.1, with a small script put into every HTML page that
 * polls /__gen/version and reloads the page after a build, or shows the
 * message of a failed one (out/ then still holds the last good site).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <dlfcn.h>
#include <microhttpd.h>

#include "build/build_int.h"

#ifndef MHD_SONAME
#define MHD_SONAME	"libmicrohttpd.so.12"	/* the Makefile says */
#endif

/* libmicrohttpd is loaded when a server starts (dlopen), not when gen
 * starts: the other commands start without it and the TLS libraries it
 * brings (GnuTLS, nettle, gmp, p11-kit, ...), whose dynamic linking was
 * most of the start of every gen build (4.6 M of gen --version's
 * instructions).  The functions of it that gen calls: */
static struct {
	__typeof__(MHD_start_daemon)		*start_daemon;
	__typeof__(MHD_stop_daemon)		*stop_daemon;
	__typeof__(MHD_get_daemon_info)		*get_daemon_info;
	__typeof__(MHD_create_response_from_buffer) *response_from_buffer;
	__typeof__(MHD_add_response_header)	*add_response_header;
	__typeof__(MHD_queue_response)		*queue_response;
	__typeof__(MHD_destroy_response)	*destroy_response;
} mhd;

/* The address of symbol name in the library h into *fp (a function
 * pointer of fn bytes); 0, or -1 when it is not there. */
static int
mhd_sym(void *h, const char *name, void *fp, size_t fn)
{
	void	*p = dlsym(h, name);

	if (p == NULL || fn != sizeof(p))
		return -1;
	memcpy(fp, &p, sizeof(p));
	return 0;
}

/* Load libmicrohttpd (once).  Return 0, or -1 after adding an error
 * to d. */
static int
mhd_load(struct diags *d)
{
	void	*h;

	if (mhd.start_daemon != NULL)
		return 0;
	if ((h = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		diag_add(d, "gen", 0, 0, SEV_ERROR, "gen serve needs "
		    "libmicrohttpd: %s", dlerror());
		return -1;
	}
#define SYM(f, name)	mhd_sym(h, name, &mhd.f, sizeof(mhd.f))
	if (SYM(stop_daemon, "MHD_stop_daemon") == -1 ||
	    SYM(get_daemon_info, "MHD_get_daemon_info") == -1 ||
	    SYM(response_from_buffer, "MHD_create_response_from_buffer") ==
	    -1 ||
	    SYM(add_response_header, "MHD_add_response_header") == -1 ||
	    SYM(queue_response, "MHD_queue_response") == -1 ||
	    SYM(destroy_response, "MHD_destroy_response") == -1 ||
	    SYM(start_daemon, "MHD_start_daemon") == -1) {
#undef SYM
		diag_add(d, "gen", 0, 0, SEV_ERROR, "%s lacks a function gen "
		    "serve calls", MHD_SONAME);
		mhd.start_daemon = NULL;
		dlclose(h);
		return -1;
	}
	return 0;	/* h stays open: the server runs until gen ends */
}

struct server {
	struct MHD_Daemon	*mhd;
	char			*root;
	pthread_mutex_t		 lock;
	unsigned long		 version;	/* of the site served */
	char			*error;		/* of the last build, or NULL */
	int			 port;
};

/* The script every HTML page gets: poll the version; reload when it
 * moves; show a failed build's message; after a reload, say so. */
static const char reload_js[] =
"(function () {\n"
"  var seen = null;\n"
"  function box(id, text, css) {\n"
"    var d = document.getElementById(id);\n"
"    if (!d) { d = document.createElement('pre'); d.id = id;\n"
"      d.style.cssText = 'position:fixed;z-index:99999;left:0;right:0;' +\n"
"        'margin:0;padding:.6em 1em;font:14px/1.4 monospace;' +\n"
"        'white-space:pre-wrap;' + css;\n"
"      document.body.appendChild(d); }\n"
"    d.textContent = text; return d;\n"
"  }\n"
"  try { if (sessionStorage.getItem('gen-reloaded')) {\n"
"    sessionStorage.removeItem('gen-reloaded');\n"
"    var d = box('gen-reloaded', 'gen serve: 已重新生成并刷新本页',\n"
"      'bottom:0;background:#e8f5e9;color:#1b5e20;');\n"
"    setTimeout(function () { d.remove(); }, 3000);\n"
"  } } catch (e) {}\n"
"  function poll() {\n"
"    fetch('/__gen/version', { cache: 'no-store' })\n"
"      .then(function (r) { return r.json(); })\n"
"      .then(function (v) {\n"
"        if (seen !== null && v.version !== seen && !v.error) {\n"
"          try { sessionStorage.setItem('gen-reloaded', '1'); } catch (e) {}\n"
"          location.reload(); return;\n"
"        }\n"
"        seen = v.version;\n"
"        var e = document.getElementById('gen-error');\n"
"        if (v.error) box('gen-error', 'gen serve: 生成失败，仍显示上一次成功的版本\\n\\n' +\n"
"          v.error, 'top:0;background:#fdecea;color:#b71c1c;');\n"
"        else if (e) e.remove();\n"
"        setTimeout(poll, 500);\n"
"      })\n"
"      .catch(function () { setTimeout(poll, 1000); });\n"
"  }\n"
"  poll();\n"
"})();\n";

static const char reload_tag[] = "<script src=\"/__gen/reload.js\"></script>\n";

/* The media type of a file by its name. */
static const char *
media_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".xml", "application/xml" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".pdf", "application/pdf" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".md", "text/plain; charset=utf-8" },
		{ ".wasm", "application/wasm" },
	};
	const char	*dot = strrchr(path, '.');
	size_t		 i;

	for (i = 0; dot != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* The value of hex digit c, or -1. */
static int
hexval(char c)
{
	if (ascii_isdigit(c))
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* Decode %XX in s in place; return -1 on a bad escape or a NUL. */
static int
url_decode(char *s)
{
	char	*w = s;
	int	 hi, lo;

	for (; *s != '\0'; s++) {
		if (*s != '%') {
			*w++ = *s;
			continue;
		}
		hi = hexval(s[1]);
		lo = hi >= 0 ? hexval(s[2]) : -1;
		if (lo < 0 || (hi == 0 && lo == 0))
			return -1;
		*w++ = (char)(hi * 16 + lo);
		s += 2;
	}
	*w = '\0';
	return 0;
}

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type,
    void *data, size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response	*r;
	enum MHD_Result		 ret;

	r = mhd.response_from_buffer(len, data, mode);
	if (r == NULL)
		return MHD_NO;
	mhd.add_response_header(r, "Content-Type", type);
	mhd.add_response_header(r, "Cache-Control", "no-store");
	ret = mhd.queue_response(c, status, r);
	mhd.destroy_response(r);
	return ret;
}

/* The file at url under the root (an HTML page with the reload script),
 * or 404.html with status 404. */
static enum MHD_Result
serve_file(struct server *s, struct MHD_Connection *c, const char *url)
{
	struct buf	 path = BUF_INIT, data = BUF_INIT;
	struct stat	 st;
	unsigned	 status = MHD_HTTP_OK;
	char		*u = xstrdup(url), *q, *end;
	const char	*type;
	size_t		 at;

	if ((q = strchr(u, '?')) != NULL)
		*q = '\0';
	if (url_decode(u) == -1 || strstr(u, "/../") != NULL ||
	    (strlen(u) >= 3 && strcmp(u + strlen(u) - 3, "/..") == 0)) {
		free(u);
		return reply(c, MHD_HTTP_BAD_REQUEST, "text/plain", "bad path\n",
		    9, MHD_RESPMEM_PERSISTENT);
	}
	buf_printf(&path, "%s%s", s->root, u);
	if (stat(path.data, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (u[strlen(u) - 1] != '/') {
			struct MHD_Response *r = mhd.response_from_buffer(
			    0, "", MHD_RESPMEM_PERSISTENT);
			struct buf loc = BUF_INIT;
			enum MHD_Result ret;

			buf_printf(&loc, "%s/", u);
			mhd.add_response_header(r, "Location", loc.data);
			ret = mhd.queue_response(c, MHD_HTTP_MOVED_PERMANENTLY,
			    r);
			mhd.destroy_response(r);
			buf_free(&loc);
			buf_free(&path);
			free(u);
			return ret;
		}
		buf_puts(&path, "index.html");
	}
	free(u);
	if (file_read(path.data, &data) == -1) {
		buf_reset(&path);
		buf_printf(&path, "%s/404.html", s->root);
		status = MHD_HTTP_NOT_FOUND;
		if (file_read(path.data, &data) == -1) {
			buf_free(&path);
			buf_free(&data);
			return reply(c, status, "text/plain", "not found\n", 10,
			    MHD_RESPMEM_PERSISTENT);
		}
	}
	type = media_type(path.data);
	if (strncmp(type, "text/html", 9) == 0) {
		/* Before </body>, else at the end. */
		end = NULL;
		for (q = data.data; data.len > 0 && (q = memmem(q,
		    data.len - (size_t)(q - data.data), "</body>", 7)) != NULL;
		    q++)
			end = q;
		at = end != NULL ? (size_t)(end - data.data) : data.len;
		buf_put(&data, "", 0);
		{
			struct buf	 page = BUF_INIT;

			buf_put(&page, data.data, at);
			buf_puts(&page, reload_tag);
			buf_put(&page, data.data + at, data.len - at);
			buf_free(&data);
			data = page;
		}
	}
	buf_free(&path);
	if (data.data == NULL)
		return reply(c, status, type, "", 0, MHD_RESPMEM_PERSISTENT);
	return reply(c, status, type, data.data, data.len,
	    MHD_RESPMEM_MUST_FREE);
}

/* The version and the last error, as JSON. */
static enum MHD_Result
serve_version(struct server *s, struct MHD_Connection *c)
{
	struct buf	 b = BUF_INIT;
	struct arena	 a = ARENA_INIT;

	pthread_mutex_lock(&s->lock);
	buf_printf(&b, "{\"version\":%lu,\"error\":", s->version);
	if (s->error != NULL)
		value_json(value_cstr(&a, s->error), &b, 0);
	else
		buf_puts(&b, "null");
	pthread_mutex_unlock(&s->lock);
	buf_puts(&b, "}\n");
	arena_free(&a);
	return reply(c, MHD_HTTP_OK, "application/json", b.data, b.len,
	    MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result
handle(void *arg, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_len, void **state)
{
	struct server	*s = arg;

	(void)version;
	(void)upload;
	(void)upload_len;
	(void)state;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain",
		    "GET only\n", 9, MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/__gen/version") == 0)
		return serve_version(s, c);
	if (strcmp(url, "/__gen/reload.js") == 0)
		return reply(c, MHD_HTTP_OK, "text/javascript; charset=utf-8",
		    (void *)reload_js, sizeof(reload_js) - 1,
		    MHD_RESPMEM_PERSISTENT);
	return serve_file(s, c, url);
}

/* Serve the folder root on 127.0.0.1:port (0: a free port).  Return
 * the server, or NULL after adding an error to d. */
struct server *
server_start(const char *root, int port, struct diags *d)
{
	struct server		*s;
	const union MHD_DaemonInfo *info;
	struct sockaddr_in	 sa;

	if (mhd_load(d) == -1)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->root = xstrdup(root);
	s->port = port;
	pthread_mutex_init(&s->lock, NULL);
	s->mhd = mhd.start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, handle, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_END);
	if (s->mhd == NULL) {
		diag_add(d, "gen", 0, 0, SEV_ERROR, "cannot serve on "
		    "127.0.0.1:%d (is the port taken? --port N)", port);
		server_free(s);
		return NULL;
	}
	info = mhd.get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
	if (info != NULL && info->port != 0)
		s->port = info->port;
	return s;
}

/* The port served on. */
int
server_port(const struct server *s)
{
	return s->port;
}

/* A build ended: a new site (error NULL) or a failed build's message;
 * open pages reload or show it. */
void
server_update(struct server *s, const char *error)
{
	pthread_mutex_lock(&s->lock);
	s->version++;
	free(s->error);
	s->error = error != NULL ? xstrdup(error) : NULL;
	pthread_mutex_unlock(&s->lock);
}

void
server_free(struct server *s)
{
	if (s == NULL)
		return;
	if (s->mhd != NULL)
		mhd.stop_daemon(s->mhd);
	pthread_mutex_destroy(&s->lock);
	free(s->root);
	free(s->error);
	free(s);
}
