/*
 * init.c — gen init DIR: a new site with what a site repository needs
 * and nothing of gen's own (its templates are built in, under
 * GEN_DATADIR/templates): config.ini, one example document, .gitignore,
 * a README and a GitHub Actions workflow that publishes with Pages.
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "build/build_int.h"

static const char init_config[] =
"# config.ini — this site's settings for gen.  Every key has a default\n"
"# (man gen); paths are relative to this folder.\n"
"\n"
"[site]\n"
"title = 工作计划与完成情况\n"
"# The absolute URL (or path) the site is published at: the sitemap, the\n"
"# feed and canonical links use it, e.g. https://USER.github.io/REPO/\n"
"base_url = /\n"
"language = zh-CN\n"
"\n"
"[paths]\n"
"content = content\n"
"# Your own templates: a file here replaces gen's built-in one of the\n"
"# same name (templates/doc.mustache, templates/assets/style.css, ...);\n"
"# the folder may be missing.\n"
"templates = templates\n"
"out = out\n"
"\n"
"[build]\n"
"strict = no\n"
"\n"
"# The site's own values, for templates as {{site.params.KEY}}.\n"
"[params]\n"
"# 网站标识码 =\n"
"# ICP备案号 =\n";

static const char init_doc[] =
"---\n"
"title: 2025年工作计划\n"
"year: 2025\n"
"org: 示例单位\n"
"kind: 工作计划\n"
"---\n"
"2025年工作计划\n"
"\n"
"本文件是 gen init 写的示例，可删除或换成本单位的文件。\n"
"\n"
"一、总体要求\n"
"\n"
"坚持以人民为中心，统筹推进各项工作，按时公开工作计划与完成情况。\n"
"\n"
"二、重点任务\n"
"\n"
"（一）提升服务能力\n"
"\n"
"1.完善办事流程，压减办理时限。\n"
"\n"
"2.推进政务公开，按季度发布工作进展。\n"
"\n"
"（二）加强队伍建设\n"
"\n"
"1.组织业务培训，全年不少于4次。\n";

static const char init_gitignore[] =
"# What gen writes: the site, its hidden mirror (incremental builds)\n"
"# and what an interrupted build may leave.\n"
"/out/\n"
"/.out.gen-shadow/\n"
"/out.tmp.*\n"
"/.gen-scratch.*\n";

static const char init_workflow[] =
"# Build the site with gen and publish it with GitHub Pages on every push\n"
"# to main.  One setting is needed once: Settings → Pages → Build and\n"
"# deployment → Source: GitHub Actions.\n"
"name: site\n"
"\n"
"on:\n"
"  push:\n"
"    branches: [main]\n"
"  workflow_dispatch:\n"
"\n"
"permissions:\n"
"  contents: read\n"
"  pages: write\n"
"  id-token: write\n"
"\n"
"concurrency:\n"
"  group: pages\n"
"  cancel-in-progress: false\n"
"\n"
"env:\n"
"  CI: \"true\"\n"
"  # Where gen's source is, and which version to build.\n"
"  GEN_GIT: https://github.com/OWNER/gen.git\n"
"  GEN_REF: main\n"
"\n"
"jobs:\n"
"  build:\n"
"    runs-on: ubuntu-latest\n"
"    steps:\n"
"      - uses: actions/checkout@v4\n"
"      # Only what a site needs: a C compiler and three libraries.\n"
"      - name: Install gen\n"
"        run: |\n"
"          sudo apt-get update -qq\n"
"          sudo apt-get install -y -qq --no-install-recommends \\\n"
"            gcc make pkg-config libcmark-dev libcjson-dev libmicrohttpd-dev\n"
"          git clone --depth 1 --branch \"$GEN_REF\" \"$GEN_GIT\" \"$RUNNER_TEMP/gen\"\n"
"          make -C \"$RUNNER_TEMP/gen\" RELEASE=1 PREFIX=\"$HOME/.local\" install\n"
"          echo \"$HOME/.local/bin\" >> \"$GITHUB_PATH\"\n"
"      - name: Check the documents (warnings fail)\n"
"        run: gen check --werror\n"
"      - name: Build the site\n"
"        run: gen build --strict\n"
"      - name: Search index (Pagefind)\n"
"        run: npx --yes pagefind@1.6.0 --site out\n"
"      - name: Leave gen's build state out of the published site\n"
"        run: rm -f out/.gen-manifest out/.gen-summaries out/.gen-site\n"
"      - uses: actions/upload-pages-artifact@v3\n"
"        with:\n"
"          path: out\n"
"\n"
"  deploy:\n"
"    needs: build\n"
"    runs-on: ubuntu-latest\n"
"    environment:\n"
"      name: github-pages\n"
"      url: ${{ steps.deployment.outputs.page_url }}\n"
"    steps:\n"
"      - id: deployment\n"
"        uses: actions/deploy-pages@v4\n";

static const char init_readme[] =
"# A site built with gen\n"
"\n"
"The documents are in `content/` (plain text or Markdown, UTF-8 or\n"
"GB18030); `config.ini` holds the settings.  gen's templates are built\n"
"in: to change one, copy it from gen's (`PREFIX/share/gen/templates/`)\n"
"into `templates/` here and edit it; gen uses yours in its place, file\n"
"by file.\n"
"\n"
"## Commands\n"
"\n"
"    gen check            # every document: file:line:col messages\n"
"    gen build            # the site into out/ (only what changed)\n"
"    gen serve            # preview at http://127.0.0.1:8080/, reloads on edit\n"
"    gen print            # print editions into out/print/\n"
"    gen print --pdf      # and their PDFs, with WeasyPrint (apt install weasyprint)\n"
"\n"
"## Publishing with GitHub Pages\n"
"\n"
"`.github/workflows/site.yml` checks the documents, builds the site and\n"
"publishes it on every push to `main`.  Set `GEN_GIT` in it to where gen's\n"
"source is, and once, in the repository: **Settings → Pages → Build and\n"
"deployment → Source: GitHub Actions**.  Set `base_url` in `config.ini`\n"
"to the address Pages gives (`https://USER.github.io/REPO/`).\n"
"\n"
"## GitLab CI\n"
"\n"
"`.gitlab-ci.yml`:\n"
"\n"
"    pages:\n"
"      image: debian:12\n"
"      script:\n"
"        - apt-get update -qq && apt-get install -y -qq gcc make pkg-config libcmark-dev libcjson-dev libmicrohttpd-dev git npm\n"
"        - git clone --depth 1 https://github.com/OWNER/gen.git /tmp/gen\n"
"        - make -C /tmp/gen RELEASE=1 PREFIX=/usr/local install\n"
"        - gen check --werror\n"
"        - gen build --strict -o public\n"
"        - npx --yes pagefind@1.6.0 --site public\n"
"      artifacts:\n"
"        paths: [public]\n"
"      rules:\n"
"        - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n"
"\n"
"## Any web server (rsync)\n"
"\n"
"    gen check --werror && gen build --strict &&\n"
"      rsync -a --delete --exclude='.gen-*' out/ user@server:/var/www/site/\n";

static const struct {
	const char	*path;
	const char	*text;
} init_files[] = {
	{ "config.ini", init_config },
	{ "content/2025-gongzuo-jihua.txt", init_doc },
	{ ".gitignore", init_gitignore },
	{ "README.md", init_readme },
	{ ".github/workflows/site.yml", init_workflow },
};

/* Is dir absent, or a folder with nothing in it? */
static int
init_empty(const char *dir)
{
	struct dirent	*e;
	DIR		*dp;
	int		 empty = 1;

	if ((dp = opendir(dir)) == NULL)
		return errno == ENOENT;
	while (empty && (e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(dp);
	return empty;
}

/* Write a new site into dir (absent or empty).  Return 0, or -1 after
 * adding an error to d. */
int
init_site(const char *dir, struct diags *d)
{
	struct buf	 path = BUF_INIT;
	char		*slash;
	size_t		 i;
	int		 rc = 0;

	if (!init_empty(dir)) {
		diag_add(d, dir, 0, 0, SEV_ERROR, "not empty: gen init writes "
		    "a new site into an empty or new folder");
		return -1;
	}
	for (i = 0; rc == 0 && i < sizeof(init_files) / sizeof(init_files[0]);
	    i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, init_files[i].path);
		slash = strrchr(path.data, '/');
		*slash = '\0';
		if (mkdir_p(path.data) == -1) {
			diag_add(d, path.data, 0, 0, SEV_ERROR,
			    "cannot create folder: %s", strerror(errno));
			rc = -1;
			break;
		}
		*slash = '/';
		if (file_write(path.data, init_files[i].text,
		    strlen(init_files[i].text)) == -1) {
			diag_add(d, path.data, 0, 0, SEV_ERROR,
			    "cannot write: %s", strerror(errno));
			rc = -1;
		}
	}
	buf_free(&path);
	return rc;
}
