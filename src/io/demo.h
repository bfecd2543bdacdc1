/*
** demo.h — between demo.c (the demo's units, people and years) and
** demo_text.c (what the demo's people write: commitments fitted to each
** one's duties, workplaces).  Internal to io/.
*/
#ifndef LT_DEMO_H
#define LT_DEMO_H

#include <stddef.h>

/* What a demo person does, for the commitments they write. */
typedef enum {
    ROLE_COMMUNE_SECRETARY, ROLE_COMMUNE_DEPUTY, ROLE_COMMUNE_CHAIR, ROLE_FRONT_CHAIR,
    ROLE_CELL_SECRETARY, ROLE_CELL_MEMBER, ROLE_AGENCY_HEAD, ROLE_SPECIALIST, ROLE_WORKER,
    ROLE_DISTRICT_LEADER, DEMO_ROLES
} demo_role;

/* Item k (0..3) of the registration of year `year` of someone in `role`
** at `place` ("xã Tân Thiềng", or an agency's name): its text into out
** and its group; pick varies it between people (a draw the caller made). */
const char *demo_commitment(demo_role role, const char *place, int year, int k, unsigned pick,
                            char *out, size_t n);

/* A cell member's workplace, varied by serial (never a draw). */
void demo_workplace(const char *place, int serial, char *out, size_t n);

#endif
