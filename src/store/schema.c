/*
** schema.c — embeds schema.sql (today's schema, whole), its PostgreSQL
** twin schema_pg.sql and the numbered migrations beside them
** (migrations/NNN.sql) into the binary with the assembler's .incbin, so
** that the files stay the single readable source.
*/
#include "schema.h"

#include <stddef.h>

/* name: the bytes of file, then a NUL. */
#define EMBED(name, file)                                                    \
    __asm__(".section .rodata\n.global " #name "\n" #name ":\n.incbin \"" file \
            "\"\n.byte 0\n.previous\n");                                     \
    extern const char name[];

EMBED(lt_schema_sql, "src/store/schema.sql")
EMBED(lt_schema_pg_sql, "src/store/schema_pg.sql")
EMBED(lt_migration_002, "src/store/migrations/002.sql")
EMBED(lt_migration_003, "src/store/migrations/003.sql")
EMBED(lt_migration_004, "src/store/migrations/004.sql")
EMBED(lt_migration_005, "src/store/migrations/005.sql")
EMBED(lt_migration_006, "src/store/migrations/006.sql")
EMBED(lt_migration_007, "src/store/migrations/007.sql")
EMBED(lt_migration_008, "src/store/migrations/008.sql")
EMBED(lt_migration_009, "src/store/migrations/009.sql")
EMBED(lt_migration_010, "src/store/migrations/010.sql")
EMBED(lt_migration_011, "src/store/migrations/011.sql")
EMBED(lt_migration_012, "src/store/migrations/012.sql")
EMBED(lt_migration_013, "src/store/migrations/013.sql")
EMBED(lt_migration_014, "src/store/migrations/014.sql")
EMBED(lt_migration_015, "src/store/migrations/015.sql")
EMBED(lt_migration_016, "src/store/migrations/016.sql")
EMBED(lt_migration_017, "src/store/migrations/017.sql")
EMBED(lt_migration_018, "src/store/migrations/018.sql")
EMBED(lt_migration_019, "src/store/migrations/019.sql")
EMBED(lt_migration_020, "src/store/migrations/020.sql")
EMBED(lt_migration_021, "src/store/migrations/021.sql")
EMBED(lt_migration_022, "src/store/migrations/022.sql")
EMBED(lt_migration_023, "src/store/migrations/023.sql")
EMBED(lt_migration_024, "src/store/migrations/024.sql")
EMBED(lt_migration_025, "src/store/migrations/025.sql")
EMBED(lt_migration_026, "src/store/migrations/026.sql")
EMBED(lt_migration_027, "src/store/migrations/027.sql")
EMBED(lt_migration_028, "src/store/migrations/028.sql")

/* Entry v brings a database from user_version v to v + 1 (its file is
** migrations/(v + 1).sql).  A new database gets schema.sql whole and starts
** at LT_SCHEMA_VERSION.  Append only: a new version adds its file here. */
const char *const lt_migrations[] = {
    NULL,             /* version 0: a new database */
    lt_migration_002, /* sessions and login throttling for the web server */
    lt_migration_003, /* the change stamp for reusing indicators, and their index */
    lt_migration_004, /* the tallies the indicators read, kept by triggers */
    lt_migration_005, /* units' sort keys */
    lt_migration_006, /* units in sort order */
    lt_migration_007, /* the registration tally's view without IN lists */
    lt_migration_008, /* a stamp per year for registrations' changes */
    lt_migration_009, /* the tree stamp for units' changes */
    lt_migration_010, /* a person's update bumps the change stamp only when counted columns change */
    lt_migration_011, /* the registration tally's changes, to bring cached indicators up to date */
    lt_migration_012, /* people's name rank, the word index keyed by it, and the search's index */
    lt_migration_013, /* indexes for the indicators' standards and breakthroughs of a year */
    lt_migration_014, /* membership over time, and registrations placed by it */
    lt_migration_015, /* a year setup's change bumps the tree stamp (its tree is on its reference date) */
    lt_migration_016, /* the account lifecycle: pending with an activation code, disabled; last login */
    lt_migration_017, /* a unit's own letterhead: issuer abbreviation, place, signer */
    lt_migration_018, /* the parts of a report that people write, with their history */
    lt_migration_019, /* citizens' comments on published registrations, moderated */
    lt_migration_020, /* leaders first (key cadres' deadline) and collective registrations */
    lt_migration_021, /* the expired sessions found by an index */
    lt_migration_022, /* failed logins counted per address by an index */
    lt_migration_023, /* each judged year's trend rates, kept */
    lt_migration_024, /* topics by year */
    lt_migration_025, /* merges by successor */
    lt_migration_026, /* sort keys as bytes */
    lt_migration_027, /* the search's index without what membership holds */
    lt_migration_028, /* a year's own records bump its change stamp; what is not counted, none */
};
_Static_assert(sizeof lt_migrations / sizeof lt_migrations[0] == LT_SCHEMA_VERSION,
               "one migration for each version: add it here when LT_SCHEMA_VERSION grows");

const char *lt_migration_sql(int v) {
    return v > 0 && v < LT_SCHEMA_VERSION ? lt_migrations[v] : NULL;
}
