/* decode.c — placeholder: strict UTF-8 only (being replaced). */
#include <string.h>
#include "gen.h"

int
text_decode(const char *path, const char *data, size_t len, const char *want,
    struct buf *out, const char **enc, struct diags *d)
{
	size_t	 ok = utf8_valid(data, len);

	(void)want;
	if (ok != len) {
		diag_add(d, path, 1, 1, SEV_ERROR,
		    "invalid byte 0x%02X (tried UTF-8)",
		    (unsigned char)data[ok]);
		return -1;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	buf_put(out, data, len);
	*enc = "UTF-8";
	return 0;
}
