// libxml2 for Hourbook's streaming XML reader.
// Debian builds libxml2 with ICU; in debug builds its ICU headers clash with Foundation's
// bundled ICU. Undefining LIBXML_ICU_ENABLED before the parser headers avoids it (FINDINGS.md).
// After editing this file, rm -rf .build.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
