/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-startup.c: how GlideApplication starts GTK, in processes where
 * nothing started GTK before it (each test in a subprocess of its own):
 * libadwaita's style applies though GTK's Default theme was stood in for
 * while the display's settings were made, GTK's Default theme is GTK's
 * again afterwards, the window opens on the store opened ahead on a
 * thread, its first frame draws its text in fonts readied on a thread,
 * and the icon theme is given its folders at once. */

#include "config.h"

#include <adwaita.h>
#include <pango/pangocairo.h>
#include <glib/gstdio.h>

#include "glide-application.h"
#include "glide-font-warmup.h"
#include "glide-gui-test-utils.h"
#include "glide-row-text.h"
#include "glide-test-utils.h"
#include "glide-window.h"

static GlideApplication *
register_application (void)
{
  GlideApplication *app = glide_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

static void
assert_window_color (GtkWidget  *widget,
                     const char *name,
                     gboolean    dark)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color));
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (dark)
    g_assert_cmpfloat (color.red + color.green + color.blue, <, 1.0);
  else
    g_assert_cmpfloat (color.red + color.green + color.blue, >, 2.0);
}

static void
test_startup_style (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GlideApplication) app = register_application ();
      g_autoptr(GBytes) default_theme = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *theme = NULL;
      GtkWidget *window;

      /* libadwaita set its own theme in GTK's settings... */
      g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme, NULL);
      g_assert_cmpstr (theme, ==, "Adwaita-empty");
      /* ...loaded its stylesheet, which follows the style asked for... */
      window = gtk_window_new ();
      assert_window_color (window, "card_bg_color", FALSE);
      assert_window_color (window, "window_bg_color", FALSE);
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      assert_window_color (window, "window_bg_color", TRUE);
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
      assert_window_color (window, "window_bg_color", FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
      /* ...and GTK's Default theme is GTK's again, not Glide's stand-in. */
      default_theme = g_resources_lookup_data ("/org/gtk/libgtk/theme/Default/gtk.css",
                                               G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (default_theme, NULL),
                                      g_bytes_get_size (default_theme), "@import"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Where the user chose a theme, GTK loads it and libadwaita leaves it. */
static void
test_startup_style_chosen (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GlideApplication) app = NULL;
      g_autofree char *theme = NULL;
      GtkWidget *window;
      GdkRGBA color;

      g_setenv ("GTK_THEME", "Default:dark", TRUE);
      app = register_application ();
      window = gtk_window_new ();
      /* GTK's own dark theme names its colours theme_*. */
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (window),
                                                     "theme_bg_color", &color));
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_assert_cmpfloat (color.red + color.green + color.blue, <, 1.0);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The desktop's own theme name (here high contrast, from GTK's settings
 * file): libadwaita's style all the same, as without Glide. */
static void
test_startup_style_desktop (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "gtk-4.0", NULL);
      g_autofree char *ini = g_build_filename (dir, "settings.ini", NULL);
      g_autoptr(GlideApplication) app = NULL;
      g_autofree char *theme = NULL;
      GtkWidget *window;
      int blink = 0;

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_assert_true (g_file_set_contents (ini, "[Settings]\ngtk-theme-name=HighContrast\ngtk-cursor-blink-time=1234\n", -1, NULL));
      app = register_application ();
      /* The file was read (its other setting holds)... */
      g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme,
                    "gtk-cursor-blink-time", &blink, NULL);
      g_assert_cmpint (blink, ==, 1234);
      /* ...and libadwaita's theme replaced the desktop's. */
      g_assert_cmpstr (theme, ==, "Adwaita-empty");
      window = gtk_window_new ();
      assert_window_color (window, "window_bg_color", FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
      g_assert_cmpint (g_remove (ini), ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

typedef struct
{
  const char   *path;
  gboolean      checked;
  PangoFontMap *font_map_before;  /* the main thread's default before activate */
} Opened;

/* After activate () made the window. */
static void
on_activated (GtkApplication *app,
              Opened         *opened)
{
  GtkWindow *window = gtk_application_get_active_window (app);
  GlideStore *store;

  g_assert_true (GLIDE_IS_WINDOW (window));
  store = glide_window_get_store (GLIDE_WINDOW (window));
  g_assert_nonnull (store);
  g_assert_cmpstr (glide_store_get_path (store), ==, opened->path);
  g_assert_cmpuint (g_list_model_get_n_items (glide_window_get_patients (GLIDE_WINDOW (window))), ==, 1);
  opened->checked = TRUE;
  g_application_quit (G_APPLICATION (app));
}

/* Runs GlideApplication on a new store with one patient, showing
 * @debug_domain's debug messages, with @started run after its startup (if
 * given) and @activated after its activate, which must check and quit. */
static void
run_on_one_patient (const char *debug_domain,
                    GCallback   started,
                    GCallback   activated,
                    Opened     *opened)
{
  g_autofree char *dir = glide_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "clinic.db", NULL);
  g_autoptr(GlideApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  char *args[] = { (char *) "glide", (char *) "--database", db, NULL };

  g_setenv ("G_MESSAGES_DEBUG", debug_domain, TRUE);
  {
    g_autoptr(GlideStore) store = glide_store_open (db, &error);

    g_assert_no_error (error);
    glide_test_add_patient (store, "P-1", "Okafor", "Ada");
  }
  opened->path = db;
  app = glide_application_new ();
  if (started != NULL)
    g_signal_connect_after (app, "startup", started, opened);
  g_signal_connect_after (app, "activate", activated, opened);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, args), ==, 0);
  g_assert_true (opened->checked);
  opened->path = NULL;
  g_clear_object (&app);
  glide_test_remove_tree (dir);
}

/* The test in a subprocess of its own (nothing has started GTK there):
 * run_on_one_patient () with these; it must pass, and print @debug_line
 * when given. */
static void
trap_on_one_patient (const char *debug_domain,
                     GCallback   started,
                     GCallback   activated,
                     const char *debug_line)
{
  if (g_test_subprocess ())
    {
      Opened opened = { NULL, FALSE, NULL };

      run_on_one_patient (debug_domain, started, activated, &opened);
      g_clear_object (&opened.font_map_before);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  if (debug_line != NULL)
    g_test_trap_assert_stdout (debug_line);
}

static void
test_startup_store_opened_ahead (void)
{
  /* Opened ahead, not again when the window asked. */
  trap_on_one_patient ("glide-application", NULL, G_CALLBACK (on_activated),
                       "*clinic.db: opened ahead, on a thread*");
}

/* A file that is not a database: opened ahead all the same, and the window
 * says why it could not be, as when it opened it itself. */
static void
on_activated_on_error (GtkApplication *app,
                       Opened         *opened)
{
  GtkWindow *window = gtk_application_get_active_window (app);

  g_assert_true (GLIDE_IS_WINDOW (window));
  g_assert_null (glide_window_get_store (GLIDE_WINDOW (window)));
  g_assert_cmpstr (glide_window_get_page_name (GLIDE_WINDOW (window)), ==, "error");
  opened->checked = TRUE;
  g_application_quit (G_APPLICATION (app));
}

static void
test_startup_store_not_opened (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = glide_test_make_tmpdir ();
      g_autofree char *db = g_build_filename (dir, "notes.db", NULL);
      g_autoptr(GlideApplication) app = NULL;
      char *args[] = { (char *) "glide", (char *) "--database", db, NULL };
      Opened opened = { db, FALSE };

      g_setenv ("G_MESSAGES_DEBUG", "glide-application", TRUE);
      g_assert_true (g_file_set_contents (db, "Not a database, but a note someone kept here.\n",
                                          -1, NULL));
      app = glide_application_new ();
      g_signal_connect_after (app, "activate", G_CALLBACK (on_activated_on_error), &opened);
      g_test_expect_message ("glide-application", G_LOG_LEVEL_WARNING, "*notes.db is not a Glide database*");
      g_application_run (G_APPLICATION (app), 3, args);
      g_test_assert_expected_messages ();
      g_assert_true (opened.checked);
      g_clear_object (&app);
      /* Nothing written over it. */
      {
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (db, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, "Not a database, but a note someone kept here.\n");
      }
      glide_test_remove_tree (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*notes.db: opened ahead, on a thread*");
}

/* Every text of the first frame, in a font the warm-up readied
 * (glide_font_warmup_get_fonts ()) and from the font map it readied them
 * in, this thread's default since then. */
static void
collect_unready_fonts (GtkWidget *widget,
                       Opened    *opened,
                       GPtrArray *ready,
                       GString   *unready,
                       guint     *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if ((GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0') ||
      GLIDE_IS_ROW_TEXT (widget))
    {
      PangoContext *context = gtk_widget_get_pango_context (widget);
      const PangoFontDescription *font = pango_context_get_font_description (context);
      gboolean found = FALSE;

      g_assert_true (pango_context_get_font_map (context) == pango_cairo_font_map_get_default ());
      g_assert_true (pango_context_get_font_map (context) != opened->font_map_before);
      for (guint i = 0; i < ready->len && !found; i++)
        found = pango_font_description_equal (font, ready->pdata[i]);
      if (!found)
        {
          g_autofree char *name = pango_font_description_to_string (font);

          g_string_append_printf (unready, "%s \"%s\" in %s: %s\n", G_OBJECT_TYPE_NAME (widget),
                                  GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "",
                                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)), name);
        }
      (*texts)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unready_fonts (child, opened, ready, unready, texts);
}

/* The first frame as drawn with those fonts (glyphs rasterised on the
 * thread): startup-first-frame.png. */
static void
save_screenshot_and_quit (gpointer window)
{
  glide_test_save_screenshot (window, "startup-first-frame.png");
  g_application_quit (g_application_get_default ());
}

static void
on_first_frame_painted (GdkFrameClock *clock,
                        Opened        *opened)
{
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (app));
  g_autoptr(GPtrArray) ready = glide_font_warmup_get_fonts (window);
  g_autoptr(GString) unready = g_string_new (NULL);
  guint texts = 0;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, opened);
  /* The patient's row (name and chart), the header bars' titles and
   * subtitles, the search entry's placeholder, the empty page's title and
   * description. */
  collect_unready_fonts (window, opened, ready, unready, &texts);
  g_assert_cmpuint (texts, >=, 6);
  g_assert_cmpstr (unready->str, ==, "");
  /* The fonts differ from each other. */
  for (guint i = 0; i < ready->len; i++)
    for (guint j = i + 1; j < ready->len; j++)
      g_assert_false (pango_font_description_equal (ready->pdata[i], ready->pdata[j]));
  opened->checked = TRUE;
  /* Out of the frame clock's signal: the screenshot waits for a frame. */
  g_idle_add_once (save_screenshot_and_quit, window);
}

/* After GlideApplication's startup, before activate: the main thread's
 * default font map then, which activate replaces with the one readied. */
static void
on_started (GApplication *app,
            Opened       *opened)
{
  opened->font_map_before = g_object_ref (pango_cairo_font_map_get_default ());
}

static void
on_activated_wait_for_frame (GtkApplication *app,
                             Opened         *opened)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (app));

  g_assert_true (GLIDE_IS_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame_painted), opened);
}

static void
test_startup_fonts_ready (void)
{
  trap_on_one_patient ("glide-font-warmup", G_CALLBACK (on_started),
                       G_CALLBACK (on_activated_wait_for_frame),
                       "*fonts of the first frame readied on a thread*");
}

/* The icon theme's resource folders are GTK's own, which it starts with,
 * and libadwaita's, added as GTK began reading the theme; a folder added
 * later has it read again (glide_application_new ()). Glide's icons are
 * found in libadwaita's. */
static void
on_activated_check_icons (GtkApplication *app,
                          Opened         *opened)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_auto(GStrv) folders = gtk_icon_theme_get_resource_path (theme);
  g_autofree char *symbolic = g_strconcat (APP_ID, "-symbolic", NULL);

  g_assert_null (g_application_get_resource_base_path (G_APPLICATION (app)));
  g_assert_nonnull (folders);
  g_assert_cmpstr (folders[0], ==, "/org/gtk/libgtk/icons/");
  g_assert_cmpstr (folders[1], ==, "/org/gnome/Adwaita/icons");
  g_assert_null (folders[2]);
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, symbolic));
  opened->checked = TRUE;
  g_application_quit (G_APPLICATION (app));
}

static void
test_startup_icon_theme (void)
{
  trap_on_one_patient ("glide-application", NULL, G_CALLBACK (on_activated_check_icons), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("GLIDE_NO_FIRST_RUN", "1", TRUE);

  g_test_add_func ("/startup/style", test_startup_style);
  g_test_add_func ("/startup/style-chosen", test_startup_style_chosen);
  g_test_add_func ("/startup/style-desktop", test_startup_style_desktop);
  g_test_add_func ("/startup/store-opened-ahead", test_startup_store_opened_ahead);
  g_test_add_func ("/startup/store-not-opened", test_startup_store_not_opened);
  g_test_add_func ("/startup/fonts-ready", test_startup_fonts_ready);
  g_test_add_func ("/startup/icon-theme", test_startup_icon_theme);
  return g_test_run ();
}
