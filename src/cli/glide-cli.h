/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-cli.h: the command-line options and the commands that run without a
 * display (import, export, demo, check, backup, restore, the PDF documents, the clinic
 * server's grants and copy). GTK is never initialised for them. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char     *database;
  char     *import_file;
  gboolean  merge;
  char     *export_file;
  char     *export_csv;
  char     *export_fhir;     /* --export-fhir FILE: a FHIR R4 Bundle */
  char     *export_ndjson;   /* --ndjson DIR: FHIR R4 NDJSON files */
  char     *patient;
  gboolean  demo;
  gboolean  check;
  gboolean  version;
  char     *report_chart;    /* --report CHART */
  char     *summary_chart;   /* --summary CHART */
  char     *discharge_chart; /* --discharge-summary CHART */
  gboolean  caseload;
  char     *course;          /* --course N, checked when used */
  char     *from;
  char     *to;
  char     *output;
  char     *paper;
  char     *language;        /* --language CODE: the documents' language */
  char     *set_paper;       /* --set-paper SIZE: the clinic's setting */
  char     *backup_file;     /* --backup FILE */
  char     *restore_file;    /* --restore FILE */
  char     *backup_dir;      /* --backup-dir DIR: automatic backups of this run */
  gboolean  force;
  char     *grant;           /* --grant LOGIN (with --role, --therapist) */
  char     *role;
  char     *therapist;
  char     *revoke;          /* --revoke LOGIN */
  gboolean  who;
  char     *copy_to;         /* --copy-to URI: the whole clinic into a clinic server */
} GlideCliOptions;

/* One group of the option table: the main group has no name, title or help. */
typedef void (*GlideCliOptionGroupFunc) (const char         *name,
                                         const char         *title,
                                         const char         *help,
                                         const GOptionEntry *entries,
                                         gpointer            user_data);

void   glide_cli_options_clear        (GlideCliOptions *options);
void   glide_cli_foreach_option_group (GlideCliOptions *options,
                                       GlideCliOptionGroupFunc func,
                                       gpointer         user_data);
const char *glide_cli_get_summary     (void);
const char *glide_cli_get_exit_status (void);
void   glide_cli_add_options          (GApplication    *application,
                                       GlideCliOptions *options);
char  *glide_cli_get_database_path    (GlideCliOptions *options);
int    glide_cli_run                  (GlideCliOptions *options);

G_END_DECLS
