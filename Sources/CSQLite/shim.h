#ifndef OUTCRY_CSQLITE_SHIM_H
#define OUTCRY_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT does not import into Swift: the destructor value -1 asks SQLite to copy the bound data.
static inline sqlite3_destructor_type outcry_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/// SQLITE_STATIC: the caller keeps the bound data alive until the statement is reset.
static inline sqlite3_destructor_type outcry_sqlite_static(void) { return SQLITE_STATIC; }

/// Process-wide settings for speed, applied before SQLite initialises: each connection is used by one thread
/// at a time (Outcry's rule), so SQLite's own mutexes are not needed; memory statistics (a global mutex on
/// every allocation) are off. Returns SQLITE_MISUSE if SQLite was already initialised, which is harmless.
static inline int outcry_sqlite_configure_process(void) {
    int code = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return code;
}

#endif
