/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-cli.c: glide --import, --export-json, --export-csv, --export-fhir, --ndjson,
 * --demo, --check, --backup, --restore, --report, --summary, --discharge-summary,
 * --caseload and --version. */

#define G_LOG_DOMAIN "glide-cli"

#include "config.h"

#include "glide-cli.h"

#include "glide-language.h"

#include "glide-csv.h"
#include "glide-demo.h"
#include "glide-date.h"
#include "glide-fhir.h"
#include "glide-interchange.h"
#include "glide-report.h"
#include "glide-store.h"
#include "glide-text.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

/* Exit status of a command line that cannot be run as given. */
#define EXIT_USAGE 2

void
glide_cli_options_clear (GlideCliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->import_file, g_free);
  g_clear_pointer (&options->export_file, g_free);
  g_clear_pointer (&options->export_csv, g_free);
  g_clear_pointer (&options->export_fhir, g_free);
  g_clear_pointer (&options->export_ndjson, g_free);
  g_clear_pointer (&options->patient, g_free);
  g_clear_pointer (&options->report_chart, g_free);
  g_clear_pointer (&options->summary_chart, g_free);
  g_clear_pointer (&options->discharge_chart, g_free);
  g_clear_pointer (&options->course, g_free);
  g_clear_pointer (&options->from, g_free);
  g_clear_pointer (&options->to, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->paper, g_free);
  g_clear_pointer (&options->language, g_free);
  g_clear_pointer (&options->set_paper, g_free);
  g_clear_pointer (&options->backup_file, g_free);
  g_clear_pointer (&options->restore_file, g_free);
  g_clear_pointer (&options->backup_dir, g_free);
  g_clear_pointer (&options->grant, g_free);
  g_clear_pointer (&options->role, g_free);
  g_clear_pointer (&options->therapist, g_free);
  g_clear_pointer (&options->revoke, g_free);
  g_clear_pointer (&options->copy_to, g_free);
}

static GOptionGroup *
new_group (const char         *name,
           const char         *description,
           const char         *help,
           const GOptionEntry *entries)
{
  GOptionGroup *group = g_option_group_new (name, description, help, NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

/**
 * glide_cli_foreach_option_group:
 * @options: where the parsed values land
 * @func: called once per group, the main group (name %NULL) first
 *
 * The option table, the one source of the command line, its man page and
 * its shell completion (glide-cli-docs.c). The entries passed to @func live
 * only during the call.
 */
void
glide_cli_foreach_option_group (GlideCliOptions      *options,
                                GlideCliOptionGroupFunc func,
                                gpointer              user_data)
{
  const GOptionEntry main_entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };
  const GOptionEntry data_entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &options->database,
      N_("Use the database in FILE instead of glide/glide.db in your data folder "
         "($XDG_DATA_HOME); it is created when missing. Or a clinic server: a PostgreSQL "
         "URI (postgresql://USER@HOST/DATABASE?sslmode=verify-full, or "
         "postgresql:///DATABASE?host=/run/postgresql)"), N_("FILE|URI") },
    { "backup-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->backup_dir,
      N_("Keep the window's automatic backups in DIR for this run (default: the folder "
         "chosen in Preferences, or backups/ beside the database)"), N_("DIR") },
    { NULL }
  };
  const GOptionEntry record_entries[] = {
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &options->import_file,
      N_("Import a Glide JSON file (interchange format 1 or 2). All or nothing: on any error "
         "nothing is written and the JSON path of the first bad value is printed"), N_("FILE") },
    { "merge", 0, 0, G_OPTION_ARG_NONE, &options->merge,
      N_("With --import: add what is new to patients whose chart already exists. A session "
         "already present (same therapist, same start instant) is skipped when its content is "
         "the same and gets its new addenda; other content is refused. Newer screening "
         "replaces older"), NULL },
    { "export-json", 0, 0, G_OPTION_ARG_FILENAME, &options->export_file,
      N_("Export all records, or one patient's with --patient, as JSON to FILE "
         "(\"-\" for standard output)"), N_("FILE") },
    { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &options->export_csv,
      N_("Export the courses, sessions, treated areas and measures as four CSV files "
         "(RFC 4180, UTF-8, a header row) into the folder DIR; --from and --to narrow it to "
         "the sessions of a period"), N_("DIR") },
    { "export-fhir", 0, 0, G_OPTION_ARG_FILENAME, &options->export_fhir,
      N_("Export all records, or one patient's with --patient, as an HL7 FHIR R4 Bundle "
         "(type collection) to FILE; drafts are marked in progress and preliminary"),
      N_("FILE") },
    { "ndjson", 0, 0, G_OPTION_ARG_FILENAME, &options->export_ndjson,
      N_("Export all records, or one patient's with --patient, as HL7 FHIR R4 NDJSON (one "
         "TYPE.ndjson file per resource type, as FHIR Bulk Data) into the folder DIR"),
      N_("DIR") },
    { "patient", 0, 0, G_OPTION_ARG_STRING, &options->patient,
      N_("With --export-json, --export-fhir or --ndjson: export only the patient with this "
         "chart number"), N_("CHART") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      N_("Fill an empty database with a demo clinic (3 therapists, 14 patients)"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &options->check,
      N_("Check the database: integrity, foreign keys, protective triggers and the audit "
         "log's hash chain; exit status 0 only when all hold"), NULL },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, &options->backup_file,
      N_("Back the database up to FILE now, while it may stay in use; the copy is checked "
         "(integrity and audit chain) before it gets its name (mode 0600). An existing FILE "
         "is kept unless --force"), N_("FILE") },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, &options->restore_file,
      N_("Check the backup in FILE and restore it into the -d database, only when that "
         "database is missing or older than the backup (its last audit entry) unless "
         "--force; a replaced database is kept beside it as DB.before-restore-…"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options->force,
      N_("With --backup: replace an existing FILE. With --restore: replace a database that "
         "is newer than the backup or cannot be read"), NULL },
    { NULL }
  };
  const GOptionEntry server_entries[] = {
    { "who", 0, 0, G_OPTION_ARG_NONE, &options->who,
      N_("Print who is logged in to the -d clinic server and their role"), NULL },
    { "grant", 0, 0, G_OPTION_ARG_STRING, &options->grant,
      N_("Let the PostgreSQL login LOGIN (made with createuser) work in the -d clinic "
         "server as --role therapist (with --therapist CODE), manager or admin"), N_("LOGIN") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &options->role,
      N_("With --grant: therapist, manager or admin"), N_("ROLE") },
    { "therapist", 0, 0, G_OPTION_ARG_STRING, &options->therapist,
      N_("With --grant --role therapist: the therapist (id) the login signs as"), N_("CODE") },
    { "revoke", 0, 0, G_OPTION_ARG_STRING, &options->revoke,
      N_("Take away LOGIN's role in the -d clinic server"), N_("LOGIN") },
    { "copy-to", 0, 0, G_OPTION_ARG_STRING, &options->copy_to,
      N_("Copy the whole clinic of the -d database into the empty clinic server at URI "
         "(as its owner or an admin); all or nothing"), N_("URI") },
    { NULL }
  };
  const GOptionEntry document_entries[] = {
    { "report", 0, 0, G_OPTION_ARG_STRING, &options->report_chart,
      N_("Write the progress report for the patient with this chart number (their latest "
         "course, or --course N) to the --output PDF"), N_("CHART") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &options->summary_chart,
      N_("Write the clinical summary of a patient's course to the --output PDF"), N_("CHART") },
    { "discharge-summary", 0, 0, G_OPTION_ARG_STRING, &options->discharge_chart,
      N_("Write the discharge summary of a patient's discharged course to the --output PDF"),
      N_("CHART") },
    { "caseload", 0, 0, G_OPTION_ARG_NONE, &options->caseload,
      N_("Write the caseload overview of the courses seen from --from to --to (default: the "
         "last 90 days) to the --output PDF"), NULL },
    { "course", 0, 0, G_OPTION_ARG_STRING, &options->course,
      N_("With --report, --summary or --discharge-summary: the patient's course N, 1 being "
         "the oldest"), N_("N") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from,
      N_("With --caseload or --export-csv: the first day of the period"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to,
      N_("With --caseload or --export-csv: the last day of the period (--caseload: today "
         "by default)"), N_("YYYY-MM-DD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("The PDF file to write (mode 0600; replaced only when complete)"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &options->paper,
      N_("Paper size, a4 or letter (default: the clinic's setting)"), N_("SIZE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &options->language,
      N_("The document's language, de, en or es: its words, dates and numbers (default: the "
         "desktop's)"), N_("LANG") },
    { "set-paper", 0, 0, G_OPTION_ARG_STRING, &options->set_paper,
      N_("Store the clinic's paper size, a4 or letter, in the database, so every "
         "workstation prints the same"), N_("SIZE") },
    { NULL }
  };

  func (NULL, NULL, NULL, main_entries, user_data);
  func ("data", N_("Data options:"), N_("Show the data options"), data_entries, user_data);
  func ("records", N_("Records (no window is opened):"), N_("Show the record commands"),
        record_entries, user_data);
  func ("server", N_("Clinic server (PostgreSQL):"), N_("Show the clinic server commands"),
        server_entries, user_data);
  func ("documents", N_("PDF documents (no window is opened):"),
        N_("Show the document commands"), document_entries, user_data);
}

/* The summary and description of --help; the man page's DESCRIPTION and
 * EXIT STATUS say the same. Untranslated: callers pass them through _(). */
const char *
glide_cli_get_summary (void)
{
  return N_("Glide documents instrument-assisted soft tissue mobilization: treated areas on a "
            "body map, treatment parameters, skin response, pain and range of motion.\n"
            "Without a command it opens the Glide window.");
}

const char *
glide_cli_get_exit_status (void)
{
  return N_("Exit status: 0 on success, 1 when a command fails, 2 when the command line is "
            "wrong.");
}

static void
add_group (const char         *name,
           const char         *title,
           const char         *help,
           const GOptionEntry *entries,
           gpointer            user_data)
{
  GApplication *application = user_data;

  if (name == NULL)
    g_application_add_main_option_entries (application, entries);
  else
    g_application_add_option_group (application,
                                    new_group (name, _(title), _(help), entries));
}

/* Adds the options, in groups, to the application's command line. The
 * values land in @options, which must live as long as the application. */
void
glide_cli_add_options (GApplication    *application,
                       GlideCliOptions *options)
{
  g_autofree char *description = NULL;
  g_autofree char *report = NULL;

  glide_cli_foreach_option_group (options, add_group, application);
  g_application_set_option_context_parameter_string (application, NULL);
  g_application_set_option_context_summary (application, _(glide_cli_get_summary ()));
  /* Translators: the web address of the issue tracker */
  report = g_strdup_printf (_("Report problems at %s"), PACKAGE_WEBSITE "/issues");
  description = g_strdup_printf ("%s\n%s", _(glide_cli_get_exit_status ()), report);
  g_application_set_option_context_description (application, description);
}

char *
glide_cli_get_database_path (GlideCliOptions *options)
{
  if (options->database != NULL)
    return g_strdup (options->database);
  return glide_store_get_default_path ();
}

/* Messages quote files and arguments: their control characters are shown
 * escaped, never sent to the terminal to retitle or clear it. */
static void
print_error (const char *context,
             const char *message)
{
  g_autofree char *text = context ? g_strdup_printf ("%s: %s", context, message)
                                  : g_strdup (message);
  g_autofree char *shown = glide_text_escape_controls (text);

  g_printerr ("glide: %s\n", shown);
}

/* A file name, a login or text read from the database, as a message shows
 * it: control characters escaped (a crafted file name must not retitle or
 * clear the terminal, nor a hand-edited database write on it). The string
 * lives as long as @keep. */
static const char *
shown (GPtrArray  *keep,
       const char *text)
{
  char *escaped;

  if (text == NULL)
    return NULL;
  escaped = glide_text_escape_controls (text);
  g_ptr_array_add (keep, escaped);
  return escaped;
}

/* The same for text of several lines (the check's findings): each line. */
static const char *
shown_lines (GPtrArray  *keep,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char *joined;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *escaped = glide_text_escape_controls (lines[i]);

      g_free (lines[i]);
      lines[i] = escaped;
    }
  joined = g_strjoinv ("\n", lines);
  g_ptr_array_add (keep, joined);
  return joined;
}

static int
usage_error (const char *message)
{
  print_error (NULL, message);
  g_printerr (_("Run “glide --help” to see the options.\n"));
  return EXIT_USAGE;
}

/* @path with its folder's symbolic links resolved (the file itself too when
 * it exists), so that two spellings of one file compare equal. */
static char *
resolve_path (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *real = realpath (absolute, NULL);

  if (real != NULL)
    {
      char *copy = g_strdup (real);

      free (real);
      return copy;
    }
  dir = g_path_get_dirname (absolute);
  base = g_path_get_basename (absolute);
  real = realpath (dir, NULL);
  if (real != NULL)
    {
      char *joined = g_build_filename (real, base, NULL);

      free (real);
      return joined;
    }
  return g_steal_pointer (&absolute);
}

/* Whether writing @output would replace the database file at @database or
 * its -wal, -shm or -journal file (by name, through a symbolic link, or as
 * a hard link of it): the records would be lost. */
static gboolean
output_is_database (const char *output,
                    const char *database)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *out = resolve_path (output);
  g_autofree char *db = resolve_path (database);
  GStatBuf out_st;
  gboolean out_exists = g_stat (output, &out_st) == 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db, suffixes[i], NULL);
      GStatBuf st;

      if (g_str_equal (out, name))
        return TRUE;
      if (out_exists && g_stat (name, &st) == 0 && st.st_dev == out_st.st_dev &&
          st.st_ino == out_st.st_ino)
        return TRUE;
    }
  return FALSE;
}

/* A file command writes: never over the database it reads from. */
static int
check_outputs (GlideCliOptions *options,
               const char      *database)
{
  const struct { const char *option; const char *path; } outputs[] = {
    { "--export-json", options->export_file },
    { "--export-fhir", options->export_fhir },
    { "--output", options->output },
    { "--backup", options->backup_file },
  };

  if (glide_store_location_is_uri (database, NULL))
    return EXIT_SUCCESS;
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    if (outputs[i].path != NULL && g_strcmp0 (outputs[i].path, "-") != 0 &&
        output_is_database (outputs[i].path, database))
      {
        g_autofree char *message =
          /* Translators: the option (--output, --export-json...), then a file name */
          g_strdup_printf (_("%s %s is the database itself (or one of its files): writing "
                             "there would destroy the records; give another file"),
                           outputs[i].option, outputs[i].path);

        return usage_error (message);
      }
  return EXIT_SUCCESS;
}

static int
run_import (GlideStore      *store,
            GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary_text = NULL;
  GlideImportSummary summary;

  if (!glide_interchange_import_file (store, options->import_file, options->merge, &summary,
                                      &error))
    {
      print_error (options->import_file, error->message);
      if (g_error_matches (error, GLIDE_INTERCHANGE_ERROR, GLIDE_INTERCHANGE_ERROR_EXISTS))
        g_printerr (_("Import again with --merge to add to the patients already there.\n"));
      g_printerr (_("Nothing was imported.\n"));
      return EXIT_FAILURE;
    }

  summary_text = glide_import_summary_describe (&summary);
  g_print (_("Imported %s from %s into %s.\n"), shown (keep, summary_text),
           shown (keep, options->import_file), shown (keep, glide_store_get_path (store)));
  return EXIT_SUCCESS;
}

static int
run_export_csv (GlideStore      *store,
                GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  GlideCsvCounts counts = { 0 };

  if ((options->from != NULL && !glide_date_parse (options->from, NULL, &error)) ||
      (options->to != NULL && !glide_date_parse (options->to, NULL, &error)))
    {
      g_autofree char *message = g_strdup_printf ("--from/--to: %s", error->message);

      return usage_error (message);
    }
  if (!glide_csv_export (store, options->export_csv, options->from, options->to, &counts,
                         &error))
    {
      print_error (NULL, error->message);
      g_printerr (_("Nothing was exported.\n"));
      return EXIT_FAILURE;
    }
  /* Translators: the folder, then the number of rows written to each CSV file */
  g_print (_("Exported to %s (rows: courses.csv %u, sessions.csv %u, treatments.csv %u, "
             "measures.csv %u).\n"), shown (keep, options->export_csv),
           counts.courses, counts.sessions, counts.treatments, counts.measures);
  return EXIT_SUCCESS;
}

/* The FHIR export, a Bundle or NDJSON files: all or nothing. */
static int
run_export_fhir (GlideStore      *store,
                 GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  const char *target = options->export_fhir ? options->export_fhir : options->export_ndjson;
  gboolean ok = options->export_fhir ?
                glide_fhir_export (store, options->patient, options->export_fhir, &error) :
                glide_fhir_export_ndjson (store, options->patient, options->export_ndjson,
                                          &error);

  if (!ok)
    {
      print_error (NULL, error->message);
      g_printerr (_("Nothing was exported.\n"));
      return EXIT_FAILURE;
    }
  /* Translators: the file or folder the FHIR export was written to */
  g_print (_("Exported as FHIR R4 to %s.\n"), shown (keep, target));
  return EXIT_SUCCESS;
}

static int
run_export (GlideStore      *store,
            GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  guint n_patients = 0;

  if (!glide_interchange_export_file (store, options->export_file, options->patient,
                                      &n_patients, &error))
    {
      print_error (NULL, error->message);
      g_printerr (_("Nothing was exported.\n"));
      return EXIT_FAILURE;
    }

  /* The document may be on standard output: report on standard error. */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Exported %u patient to %s.\n",
                           "Exported %u patients to %s.\n", n_patients),
              n_patients, g_strcmp0 (options->export_file, "-") == 0 ?
                          _("standard output") : shown (keep, options->export_file));
  return EXIT_SUCCESS;
}

static int
run_who (GlideStore *store)
{
  const char *login = glide_store_get_login (store);
  GlideStoreRole role = glide_store_get_role (store);
  gint64 therapist_id = glide_store_get_actor (store);
  g_autoptr(GlideTherapist) therapist = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  if (login == NULL)
    {
      g_print (_("%s is an SQLite database: one person's practice. Whoever uses this "
                 "computer documents, as the therapist the window names.\n"),
               shown (keep, glide_store_get_path (store)));
      return EXIT_SUCCESS;
    }
  if (therapist_id != 0)
    therapist = glide_store_get_therapist (store, therapist_id, NULL);
  if (therapist != NULL)
    g_print (_("%s: %s, signs as %s (%s)\n"), shown (keep, login),
             glide_store_role_get_code (role), shown (keep, therapist->code),
             shown (keep, therapist->name));
  else
    g_print ("%s: %s\n", shown (keep, login), glide_store_role_get_code (role));
  return role == GLIDE_STORE_ROLE_NONE ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int
run_grant (GlideStore      *store,
           GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  GlideStoreRole role = GLIDE_STORE_ROLE_NONE;

  glide_store_role_from_code (options->role, &role);
  if (!glide_store_grant (store, options->grant, role, options->therapist, &error))
    {
      print_error (NULL, error->message);
      return EXIT_FAILURE;
    }
  if (options->therapist != NULL)
    g_print (_("%s is now a therapist in the clinic's record, signing as %s.\n"),
             shown (keep, options->grant), shown (keep, options->therapist));
  else
    g_print (_("%s is now %s in the clinic's record.\n"), shown (keep, options->grant),
             options->role);
  return EXIT_SUCCESS;
}

static int
run_revoke (GlideStore      *store,
            GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  if (!glide_store_revoke (store, options->revoke, &error))
    {
      print_error (NULL, error->message);
      return EXIT_FAILURE;
    }
  g_print (_("%s has no role in the clinic's record any more.\n"), shown (keep, options->revoke));
  return EXIT_SUCCESS;
}

/* The whole clinic through the interchange format: exported to a private
 * temporary file, imported into the server in one transaction. */
static int
run_copy_to (GlideStore      *store,
             GlideCliOptions *options)
{
  g_autoptr(GlideStore) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *summary_text = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  GlideImportSummary summary;
  guint n_patients = 0;
  int status = EXIT_FAILURE;

  target = glide_store_open (options->copy_to, &error);
  if (target == NULL)
    {
      print_error (options->copy_to, error->message);
      return EXIT_FAILURE;
    }
  dir = g_dir_make_tmp ("glide-copy-XXXXXX", &error);
  if (dir == NULL)
    {
      print_error (NULL, error->message);
      return EXIT_FAILURE;
    }
  file = g_build_filename (dir, "clinic.json", NULL);
  if (!glide_interchange_export_file (store, file, NULL, &n_patients, &error))
    print_error (glide_store_get_path (store), error->message);
  else if (!glide_interchange_import_file (target, file, FALSE, &summary, &error))
    print_error (options->copy_to, error->message);
  else
    {
      summary_text = glide_import_summary_describe (&summary);
      g_print (_("Copied %s from %s to %s.\n"), shown (keep, summary_text),
               shown (keep, glide_store_get_path (store)), shown (keep, options->copy_to));
      status = EXIT_SUCCESS;
    }
  if (status != EXIT_SUCCESS)
    g_printerr (_("Nothing was copied.\n"));
  g_unlink (file);
  g_rmdir (dir);
  return status;
}

static int
run_demo (GlideStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  GlideDemoSummary summary;

  if (!glide_demo_fill (store, NULL, &summary, &error))
    {
      print_error (NULL, error->message);
      return EXIT_FAILURE;
    }

  g_print (_("Created the demo clinic in %s: %u therapists, %u patients, %u courses, "
             "%u sessions (%u drafts), %u addenda.\n"),
           shown (keep, glide_store_get_path (store)), summary.therapists, summary.patients,
           summary.courses, summary.sessions, summary.drafts, summary.addenda);
  return EXIT_SUCCESS;
}

static int
run_check (GlideStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = glide_store_check (store, &error);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  gboolean all_ok = TRUE;

  if (items == NULL)
    {
      print_error (NULL, error->message);
      return EXIT_FAILURE;
    }

  g_print (_("Checking %s\n"), shown (keep, glide_store_get_path (store)));
  for (guint i = 0; i < items->len; i++)
    {
      GlideCheckItem *item = g_ptr_array_index (items, i);

      /* The findings quote what the database holds, which may have been
       * written outside Glide. */
      g_print ("  %-20s %s  %s\n", item->name, item->ok ? "ok  " : "FAIL",
               shown_lines (keep, item->message));
      all_ok = all_ok && item->ok;
    }

  if (all_ok)
    g_print (_("Verdict: the database is intact.\n"));
  else
    g_print (_("Verdict: the database FAILED the check. Do not keep working in it; restore "
               "the latest backup and report what happened.\n"));
  return all_ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

static gboolean
read_paper (const char  *option,
            const char  *text,
            GlidePaper  *paper,
            GError     **error)
{
  int value;

  if (!glide_code_list_lookup (GLIDE_CODE_LIST_PAPER, text, &value))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s must be a4 or letter, got “%s”"), option, text);
      return FALSE;
    }
  *paper = value;
  return TRUE;
}

/* The request a document command describes; FALSE with a message naming
 * the option when a value is not valid. */
static gboolean
read_document_request (GlideCliOptions     *options,
                       GlideReportRequest  *request,
                       GError             **error)
{
  *request = (GlideReportRequest) { 0 };

  if (options->report_chart != NULL)
    {
      request->kind = GLIDE_REPORT_PROGRESS;
      request->chart = options->report_chart;
    }
  else if (options->summary_chart != NULL)
    {
      request->kind = GLIDE_REPORT_SUMMARY;
      request->chart = options->summary_chart;
    }
  else if (options->discharge_chart != NULL)
    {
      request->kind = GLIDE_REPORT_DISCHARGE;
      request->chart = options->discharge_chart;
    }
  else
    request->kind = GLIDE_REPORT_CASELOAD;

  if (options->course != NULL)
    {
      guint64 number;

      if (!g_ascii_string_to_unsigned (options->course, 10, 1, G_MAXUINT, &number, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--course must be a whole number from 1 (the oldest course), got “%s”"),
                       options->course);
          return FALSE;
        }
      request->course_number = number;
    }
  if (options->from != NULL && !glide_date_parse (options->from, NULL, error))
    {
      g_prefix_error (error, "--from: ");
      return FALSE;
    }
  if (options->to != NULL && !glide_date_parse (options->to, NULL, error))
    {
      g_prefix_error (error, "--to: ");
      return FALSE;
    }
  request->from = options->from;
  request->to = options->to;

  if (options->paper != NULL)
    {
      if (!read_paper ("--paper", options->paper, &request->paper, error))
        return FALSE;
      request->paper_given = TRUE;
    }
  if (options->language != NULL)
    {
      if (!glide_language_is_known (options->language))
        {
          guint n;
          const GlideLanguage *languages = glide_language_list (&n);
          g_autoptr(GString) codes = g_string_new (NULL);

          for (guint i = 0; i < n; i++)
            g_string_append_printf (codes, "%s%s", i ? ", " : "", languages[i].code);
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--language must be one of %s, got “%s”"), codes->str,
                       options->language);
          return FALSE;
        }
      request->language = options->language;
    }
  return TRUE;
}

static int
run_document (GlideStore      *store,
              GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  GlideReportRequest request;
  gboolean valid = read_document_request (options, &request, &error);

  request.warnings = warnings;
  if (!valid || !glide_report_export (store, &request, options->output, &error))
    {
      print_error (NULL, error->message);
      g_printerr (_("No document was written.\n"));
      return EXIT_FAILURE;
    }
  for (guint i = 0; i < warnings->len; i++)
    print_error (_("warning"), g_ptr_array_index (warnings, i));
  g_print (_("Wrote %s.\n"), shown (keep, options->output));
  return EXIT_SUCCESS;
}

static int
run_set_paper (GlideStore      *store,
               GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideClinic) clinic = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  GlidePaper paper;

  if (!read_paper ("--set-paper", options->set_paper, &paper, &error) ||
      !(clinic = glide_store_get_clinic (store, &error)))
    goto fail;
  clinic->paper = paper;
  if (!glide_store_set_clinic (store, clinic, &error))
    goto fail;
  g_print (_("Documents of %s are now printed on %s paper.\n"), shown (keep, clinic->name),
           glide_code_list_label (GLIDE_CODE_LIST_PAPER, paper));
  return EXIT_SUCCESS;

fail:
  print_error (NULL, error->message);
  return EXIT_FAILURE;
}

static int
run_backup (GlideStore      *store,
            GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  if (!glide_store_backup (store, options->backup_file, options->force, &error))
    {
      print_error (NULL, error->message);
      g_printerr (_("No backup was made.\n"));
      return EXIT_FAILURE;
    }
  g_print (_("Backed up %s to %s; the copy passed the integrity and audit chain checks.\n"),
           shown (keep, glide_store_get_path (store)), shown (keep, options->backup_file));
  return EXIT_SUCCESS;
}

/* Runs without opening the database as a store: it may be missing, damaged
 * or about to be replaced. */
static int
run_restore (GlideCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *kept = NULL;

  if (!glide_backup_restore (options->restore_file, options->database, options->force, &kept,
                             &error))
    {
      print_error (NULL, error->message);
      g_printerr (_("Nothing was restored.\n"));
      return EXIT_FAILURE;
    }
  g_print (_("Restored %s into %s; the backup passed the integrity and audit chain checks.\n"),
           shown (keep, options->restore_file), shown (keep, options->database));
  if (kept != NULL)
    g_print (_("The database it replaced was kept as %s.\n"), shown (keep, kept));
  return EXIT_SUCCESS;
}

/**
 * glide_cli_run:
 *
 * Runs the command the options ask for.
 *
 * Returns: the exit status, or -1 when no command was given and the
 *   application window should open
 */
int
glide_cli_run (GlideCliOptions *options)
{
  g_autoptr(GlideStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scheme = NULL;
  guint n_documents = (options->report_chart != NULL) + (options->summary_chart != NULL) +
                      (options->discharge_chart != NULL) + !!options->caseload;
  guint n_commands = (options->import_file != NULL) + (options->export_file != NULL) +
                     (options->export_csv != NULL) + (options->export_fhir != NULL) +
                     (options->export_ndjson != NULL) +
                     !!options->demo + !!options->check + (options->set_paper != NULL) +
                     (options->backup_file != NULL) + (options->restore_file != NULL) +
                     !!options->who + (options->grant != NULL) + (options->revoke != NULL) +
                     (options->copy_to != NULL) + n_documents;

  if (options->version)
    {
      g_print ("glide %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  {
    /* An empty name (a variable unset in a script) said "Cannot create :". */
    const struct { const char *option; const char *value; } paths[] = {
      { "--database", options->database }, { "--import", options->import_file },
      { "--export-json", options->export_file }, { "--export-csv", options->export_csv },
      { "--export-fhir", options->export_fhir }, { "--ndjson", options->export_ndjson },
      { "--output", options->output }, { "--backup", options->backup_file },
      { "--restore", options->restore_file }, { "--backup-dir", options->backup_dir },
      { "--copy-to", options->copy_to },
    };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      if (paths[i].value != NULL && paths[i].value[0] == '\0')
        {
          /* Translators: an option, such as --output */
          g_autofree char *message = g_strdup_printf (_("%s needs a file or folder name, "
                                                        "not an empty one"), paths[i].option);

          return usage_error (message);
        }
  }

  if (options->database != NULL && glide_store_location_is_uri (options->database, &scheme) &&
      !g_str_equal (scheme, "postgresql") && !g_str_equal (scheme, "postgres"))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s is a %s address: give -d a database file, or a clinic server's "
                           "postgresql:// URI"), options->database, scheme);

      return usage_error (message);
    }
  g_clear_pointer (&scheme, g_free);
  if (options->copy_to != NULL &&
      (!glide_store_location_is_uri (options->copy_to, &scheme) ||
       (!g_str_equal (scheme, "postgresql") && !g_str_equal (scheme, "postgres"))))
    return usage_error (_("--copy-to needs a clinic server's postgresql:// URI"));
  if ((options->role != NULL || options->therapist != NULL) && options->grant == NULL)
    return usage_error (_("--role and --therapist only go with --grant"));
  if (options->grant != NULL && options->role == NULL)
    return usage_error (_("--grant needs --role therapist, manager or admin"));
  if (options->role != NULL)
    {
      GlideStoreRole role;

      if (!glide_store_role_from_code (options->role, &role) ||
          (role != GLIDE_STORE_ROLE_THERAPIST && role != GLIDE_STORE_ROLE_MANAGER &&
           role != GLIDE_STORE_ROLE_ADMIN))
        return usage_error (_("--role must be therapist, manager or admin"));
      if ((role == GLIDE_STORE_ROLE_THERAPIST) != (options->therapist != NULL))
        return usage_error (role == GLIDE_STORE_ROLE_THERAPIST ?
                            _("--role therapist needs --therapist CODE, the therapist the "
                              "login signs as") :
                            _("--therapist only goes with --role therapist"));
    }
  if (options->merge && options->import_file == NULL)
    return usage_error (_("--merge only goes with --import"));
  if (options->patient != NULL && options->export_file == NULL && options->export_fhir == NULL &&
      options->export_ndjson == NULL)
    return usage_error (_("--patient only goes with --export-json, --export-fhir or --ndjson"));
  if (options->course != NULL && options->report_chart == NULL && options->summary_chart == NULL &&
      options->discharge_chart == NULL)
    return usage_error (_("--course only goes with --report, --summary or --discharge-summary"));
  if ((options->from != NULL || options->to != NULL) && !options->caseload &&
      options->export_csv == NULL)
    return usage_error (_("--from and --to only go with --caseload or --export-csv"));
  if ((options->output != NULL || options->paper != NULL || options->language != NULL) &&
      n_documents == 0)
    return usage_error (_("--output, --paper and --language only go with --report, --summary, "
                          "--discharge-summary or --caseload"));
  if (options->force && options->backup_file == NULL && options->restore_file == NULL)
    return usage_error (_("--force only goes with --backup or --restore"));
  if (options->backup_dir != NULL && n_commands > 0)
    return usage_error (_("--backup-dir only goes without a command: it is where the window "
                          "keeps automatic backups"));
  if ((options->backup_file != NULL || options->restore_file != NULL) && n_commands > 1)
    return usage_error (_("give --backup or --restore alone, without another command"));
  if (options->restore_file != NULL && options->database == NULL)
    return usage_error (_("--restore needs -d DB, the database to restore into"));
  if (n_commands == 0)
    return -1;
  if (n_commands > 1)
    return usage_error (_("give one of --import, --export-json, --export-csv, --demo, --check, "
                          "--report, --summary, --discharge-summary, --caseload, --set-paper, --who, "
                          "--grant, --revoke, --copy-to, --export-fhir and --ndjson at a time"));
  if (n_documents > 0 && options->output == NULL)
    return usage_error (_("--report, --summary, --discharge-summary and --caseload need "
                          "--output FILE.pdf"));

  if (options->restore_file != NULL)
    return run_restore (options);

  path = glide_cli_get_database_path (options);
  if (check_outputs (options, path) != EXIT_SUCCESS)
    return EXIT_USAGE;
  if (options->backup_file != NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *shown_path = glide_text_escape_controls (path);

      g_printerr (_("glide: there is no database at %s to back up\n"), shown_path);
      return EXIT_FAILURE;
    }
  /* A database named with -d for a command that only reads it must be
   * there: a mistyped name would otherwise become a new, empty clinic that
   * --check calls intact and an export writes as no patients. (Glide's
   * default database is made on first use, by any command.) */
  if (options->database != NULL && !glide_store_location_is_uri (path, NULL) &&
      (options->check || options->export_file != NULL || options->export_csv != NULL ||
       options->export_fhir != NULL || options->export_ndjson != NULL ||
       options->copy_to != NULL || n_documents > 0))
    {
      g_autofree char *shown_path = glide_text_escape_controls (path);
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        {
          g_printerr (_("glide: there is no database at %s; check the name (a new clinic is "
                        "made by the window, --import or --demo)\n"), shown_path);
          return EXIT_FAILURE;
        }
      if (S_ISREG (st.st_mode) && st.st_size == 0)
        {
          g_printerr (_("glide: %s is empty (0 bytes): it holds no clinic's records\n"),
                      shown_path);
          return EXIT_FAILURE;
        }
    }
  store = glide_store_open (path, &error);
  if (store == NULL)
    {
      print_error (NULL, error->message);
      return EXIT_FAILURE;
    }

  if (options->import_file != NULL)
    return run_import (store, options);
  if (options->export_file != NULL)
    return run_export (store, options);
  if (options->export_csv != NULL)
    return run_export_csv (store, options);
  if (options->export_fhir != NULL || options->export_ndjson != NULL)
    return run_export_fhir (store, options);
  if (options->demo)
    return run_demo (store);
  if (n_documents > 0)
    return run_document (store, options);
  if (options->set_paper != NULL)
    return run_set_paper (store, options);
  if (options->backup_file != NULL)
    return run_backup (store, options);
  if (options->who)
    return run_who (store);
  if (options->grant != NULL)
    return run_grant (store, options);
  if (options->revoke != NULL)
    return run_revoke (store, options);
  if (options->copy_to != NULL)
    return run_copy_to (store, options);
  return run_check (store);
}
