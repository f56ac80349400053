# cls: PGXS build.  `make`, `make install`, `make installcheck` as for any
# PostgreSQL extension; `make unit` / `make unit-san` run the core's own C
# unit tests (no server needed).  Warning flags such as -Werror are passed in
# by the test scripts through PG_CFLAGS, never hard-coded here.

EXTENSION  = cls
EXTVERSION = 0.2.0

MODULE_big = cls
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c src/core/*.c)))
PG_CPPFLAGS = -I$(srcdir)/src -I$(srcdir)/src/core

# The install script is generated from the hand-edited per-feature sources in
# src/sql/NN_*.sql (concatenated in file-name order); committed scripts
# src/sql/cls--*.sql are upgrade steps and frozen scripts of older versions.
SQL_SRC    = $(sort $(wildcard src/sql/[0-9][0-9]_*.sql))
# The upgrade from the previous release (0.1.0: sources 00-29) is generated
# while this version is in development: a hand-edited head (changes to
# objects that 0.1.0 already had) followed by the sources of the features
# added since.  Release procedure (README, "Upgrading"): commit the generated
# scripts of the released version as frozen files.
UPGRADE_SRC   = src/sql/update--0.1.0--0.2.0.head $(sort $(wildcard src/sql/[3-9][0-9]_*.sql))
UPGRADE_built = src/sql/cls--0.1.0--0.2.0.sql
DATA_built = src/sql/cls--$(EXTVERSION).sql $(UPGRADE_built)
DATA       = $(filter-out $(DATA_built),$(wildcard src/sql/cls--*.sql))

# pg_regress suites: top-level sql/ and expected/, run in file-name order.
REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=.
CONTRIB_TESTDB = cls_regression

EXTRA_CLEAN = test/unit/build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS does not track header dependencies unless PostgreSQL was configured
# with --enable-depend: rebuild every object when any header changes.
$(OBJS): $(wildcard src/*.h src/core/*.h)

src/sql/cls--$(EXTVERSION).sql: $(SQL_SRC) Makefile
	cat $(SQL_SRC) /dev/null > $@

$(UPGRADE_built): $(UPGRADE_SRC) Makefile
	cat $(UPGRADE_SRC) /dev/null > $@

# ---- core unit tests (plain C, no PostgreSQL headers) ----------------------
CORE_SRC   = $(sort $(wildcard src/core/*.c))
UNIT_SRC   = $(sort $(wildcard test/unit/test_*.c))
UNIT_CC   ?= $(CC)
UNIT_FLAGS = -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc/core -Itest/unit
SAN_FLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: unit unit-san
unit:
	@mkdir -p test/unit/build
	@rc=0; for t in $(UNIT_SRC); do n=$$(basename $$t .c); \
	  $(UNIT_CC) $(UNIT_FLAGS) $$t $(CORE_SRC) -lm -o test/unit/build/$$n && \
	  ./test/unit/build/$$n || rc=1; done; exit $$rc

unit-san:
	@mkdir -p test/unit/build
	@rc=0; for t in $(UNIT_SRC); do n=$$(basename $$t .c); \
	  $(UNIT_CC) $(UNIT_FLAGS) $(SAN_FLAGS) $$t $(CORE_SRC) -lm -o test/unit/build/$$n-san && \
	  ./test/unit/build/$$n-san || rc=1; done; exit $$rc
