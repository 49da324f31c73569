/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-gui-test-utils.h: helpers shared by the GUI tests (under Xvfb). */

#pragma once

#include <adwaita.h>

#include "glide-window.h"

G_BEGIN_DECLS

/* How long a wait may take before the test fails: far above what any
 * condition needs, even under a sanitizer on a loaded machine, so that only
 * a condition that never comes true reaches it. */
#define GLIDE_TEST_WAIT_SECONDS 60

typedef gboolean (*GlideTestWidgetMatch) (GtkWidget     *widget,
                                          gconstpointer  data);
typedef gboolean (*GlideTestCondition)   (gpointer       data);

/* Runs the main loop until @condition (@data) holds; fails the test, naming
 * @what, when it still does not after GLIDE_TEST_WAIT_SECONDS. */
#define glide_test_wait_until(condition, data, what) \
  glide_test_wait_until_impl (__FILE__, __LINE__, G_STRFUNC, (condition), (data), (what))

/* Drops the caller's reference to @object (a destroyed or closed window, a
 * widget) and runs the main loop until the object is finalized; fails the
 * test when it is not (a leak or a reference cycle), as
 * g_assert_finalize_object() does without waiting. */
#define glide_test_assert_finalized(object) \
  glide_test_assert_finalized_impl (__FILE__, __LINE__, G_STRFUNC, (object))

void       glide_test_wait_until_impl   (const char          *file,
                                         int                  line,
                                         const char          *func,
                                         GlideTestCondition   condition,
                                         gpointer             data,
                                         const char          *what);
void       glide_test_assert_finalized_impl (const char      *file,
                                         int                  line,
                                         const char          *func,
                                         gpointer             object);
GlideWindow *glide_test_open_window     (GlideStore  *store,
                                         int          width,
                                         int          height);
void       glide_test_gui_init          (int          *argc,
                                         char       ***argv);
void       glide_test_flush_events      (void);
void       glide_test_wait_for_draw     (GtkWidget   *widget);
void       glide_test_wait_for_patients (GlideWindow *window,
                                         guint        n);
void       glide_test_save_screenshot   (GtkWidget   *window,
                                         const char  *name);
GtkWidget *glide_test_find_widget       (GtkWidget   *root,
                                         GType        type);
GtkWidget *glide_test_find_matching     (GtkWidget   *root,
                                         GlideTestWidgetMatch match,
                                         gconstpointer data);
GtkWindow *glide_test_find_toplevel     (GType        type);
GtkWindow *glide_test_wait_for_dialog   (GType        type,
                                         GtkWindow   *parent,
                                         const char  *heading);
void       glide_test_wait_for_dialog_gone (GType     type,
                                         GtkWindow   *parent,
                                         const char  *what);

G_END_DECLS
