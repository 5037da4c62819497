/*
 * fuzz_config.c — libFuzzer harness: read the input as config.ini
 * (config.c) through a memory file, over the defaults; every value set
 * must stay a valid C string and the limits positive.
 */
#include <sys/mman.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 fd = -1;
	static char	 path[64];
	static FILE	*null;
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;

	if (fd == -1) {
		if ((fd = memfd_create("config.ini", 0)) == -1)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if ((null = fopen("/dev/null", "w")) == NULL)
			abort();
	}
	if (ftruncate(fd, 0) == -1 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size)
		abort();
	config_defaults(&cfg);
	config_load(&cfg, path, &d);
	if (cfg.max_file_size == 0 || cfg.max_line_length == 0 ||
	    cfg.max_depth <= 0 || cfg.out_dir == NULL ||
	    cfg.base_url == NULL || cfg.base_url[strlen(cfg.base_url) - 1]
	    != '/')
		abort();
	diags_print(&d, null);
	diags_free(&d);
	config_free(&cfg);
	return 0;
}
