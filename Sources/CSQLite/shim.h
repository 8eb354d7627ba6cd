#ifndef OUTCRY_CSQLITE_SHIM_H
#define OUTCRY_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT does not import into Swift: the destructor value -1 asks SQLite to copy the bound data.
static inline sqlite3_destructor_type outcry_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/// SQLITE_STATIC: the caller keeps the bound data alive until the statement is reset.
static inline sqlite3_destructor_type outcry_sqlite_static(void) { return SQLITE_STATIC; }

#endif
