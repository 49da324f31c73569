/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-library.c: glide_library_load (), which loads libpq and libsecret
 * on first use: a library that is there, one that is missing, and one that
 * lacks a function, each answered the same way on a second call. */

#include "config.h"

#include <string.h>

#include "glide-library.h"

/* libm is there wherever Glide runs. */
#define PRESENT "libm.so.6"
#define MATH_FUNCTIONS(X) \
  X (cos) \
  X (sqrt)

static void
test_present (void)
{
  static GlideLibrary library;
  static const char *const names[] = { MATH_FUNCTIONS (GLIDE_LIBRARY_NAME) NULL };
  struct
  {
    double (*cos) (double);
    double (*sqrt) (double);
  } math = { NULL, NULL };

  g_assert_null (glide_library_load (&library, PRESENT, names, (void **) &math));
  g_assert_nonnull (math.cos);
  g_assert_cmpfloat_with_epsilon (math.sqrt (16.0), 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (math.cos (0.0), 1.0, 1e-12);
  g_assert_null (glide_library_load (&library, PRESENT, names, (void **) &math));
}

static void
test_missing (void)
{
  static GlideLibrary library;
  static const char *const names[] = { "anything", NULL };
  void *functions[1] = { NULL };
  const char *failure = glide_library_load (&library, "libglide-not-there.so.9", names,
                                            functions);

  g_assert_nonnull (failure);
  g_assert_nonnull (strstr (failure, "libglide-not-there.so.9"));
  g_assert_null (functions[0]);
  /* The same answer again, without a second attempt. */
  g_assert_true (glide_library_load (&library, "libglide-not-there.so.9", names,
                                     functions) == failure);
}

static void
test_function_missing (void)
{
  static GlideLibrary library;
  static const char *const names[] = { "cos", "glide_no_such_function", NULL };
  void *functions[2] = { NULL, NULL };
  const char *failure = glide_library_load (&library, PRESENT, names, functions);

  g_assert_cmpstr (failure, ==, PRESENT " has no glide_no_such_function");
  g_assert_true (glide_library_load (&library, PRESENT, names, functions) == failure);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/library/present", test_present);
  g_test_add_func ("/library/missing", test_missing);
  g_test_add_func ("/library/function-missing", test_function_missing);
  return g_test_run ();
}
