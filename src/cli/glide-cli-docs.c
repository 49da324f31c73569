/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-cli-docs.c: glide.1 and the bash completion, from the option table
 * (glide_cli_foreach_option_group), in English: they are made at build time
 * by glide-docgen, which sets no locale. */

#define G_LOG_DOMAIN "glide-cli"

#include "config.h"

#include "glide-cli-docs.h"

#include "glide-cli.h"

#include <string.h>

/* Values some options take from a short list; the rest complete file names
 * (G_OPTION_ARG_FILENAME) or nothing. Keyed by the entry's arg_description. */
static const struct {
  const char *arg_description;
  const char *words;
} choices[] = {
  { "ROLE", "therapist manager admin" },
  { "SIZE", "a4 letter" },
  { "LANG", "de en es" },
};

/* Writes @text as roff text: backslashes escaped, a dash that starts an
 * option (or stands alone) as \- so it renders and copies as a hyphen-minus,
 * other non-ASCII characters as \[uXXXX] so the page needs no preconv. */
static void
append_roff (GString    *out,
             const char *text)
{
  gunichar previous = ' ';

  if (text[0] == '.' || text[0] == '\'')
    g_string_append (out, "\\&");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\\')
        g_string_append (out, "\\e");
      else if (c == '-' && (previous == '-' || previous == '"' || previous == '('
                            || g_unichar_isspace (previous)))
        g_string_append (out, "\\-");
      else if (c == '\n')
        g_string_append (out, "\n.PP\n");
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "\\[u%04X]", c);
      previous = c;
    }
}

static void
append_roff_option (GString            *out,
                    const GOptionEntry *entry)
{
  g_string_append (out, ".TP\n");
  if (entry->short_name != '\0')
    g_string_append_printf (out, "\\fB\\-%c\\fR, ", entry->short_name);
  g_string_append (out, "\\fB\\-\\-");
  append_roff (out, entry->long_name);
  g_string_append (out, "\\fR");
  if (entry->arg != G_OPTION_ARG_NONE)
    {
      g_string_append (out, "=\\fI");
      append_roff (out, entry->arg_description ? entry->arg_description : "VALUE");
      g_string_append (out, "\\fR");
    }
  g_string_append_c (out, '\n');
  append_roff (out, entry->description);
  g_string_append_c (out, '\n');
}

static void
add_man_group (const char         *name,
               const char         *title,
               const char         *help,
               const GOptionEntry *entries,
               gpointer            user_data)
{
  GString *out = user_data;

  if (title != NULL)
    {
      g_autofree char *heading = g_strdup (title);
      gsize len = strlen (heading);

      /* "Data options:" is a heading here, not the start of a list. */
      if (len > 0 && heading[len - 1] == ':')
        heading[len - 1] = '\0';
      g_string_append (out, ".SS \"");
      append_roff (out, heading);
      g_string_append (out, "\"\n");
    }
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    if ((e->flags & G_OPTION_FLAG_HIDDEN) == 0)
      append_roff_option (out, e);
}

/* GApplication adds --help, --help-all and one --help-GROUP per group. */
static void
add_man_help (const char         *name,
              const char         *title,
              const char         *help,
              const GOptionEntry *entries,
              gpointer            user_data)
{
  GString *out = user_data;

  if (name == NULL)
    return;
  g_string_append (out, ".TP\n\\fB\\-\\-help\\-");
  append_roff (out, name);
  g_string_append (out, "\\fR\n");
  append_roff (out, help);
  g_string_append_c (out, '\n');
}

/**
 * glide_cli_docs_man_page:
 * @version: the program's version, for the page's footer
 * @date: (nullable): the date the footer shows, YYYY-MM-DD
 *
 * Returns: (transfer full): glide.1 in roff (man macros)
 */
char *
glide_cli_docs_man_page (const char *version,
                         const char *date)
{
  GlideCliOptions options = { 0 };
  GString *out = g_string_new (NULL);

  g_string_append_printf (out,
                          ".\\\" Generated from src/cli/glide-cli.c's option table by glide-docgen; "
                          "do not edit.\n"
                          ".TH GLIDE 1 \"%s\" \"Glide %s\" \"User Commands\"\n",
                          date ? date : "", version);
  g_string_append (out,
                   ".SH NAME\n"
                   "glide \\- treatment record for instrument-assisted soft tissue mobilization\n"
                   ".SH SYNOPSIS\n"
                   ".B glide\n"
                   "[\\fIOPTION\\fR...]\n"
                   ".SH DESCRIPTION\n");
  append_roff (out, glide_cli_get_summary ());
  g_string_append (out,
                   "\n.PP\n"
                   "The commands below (import, export, check, backup, restore, the clinic "
                   "server's grants and the PDF documents) run without a display and open no "
                   "window; options that say \\(lqWith \\-\\-X\\(rq only change the command "
                   "\\-\\-X.\n"
                   ".SH OPTIONS\n");
  glide_cli_foreach_option_group (&options, add_man_group, out);
  g_string_append (out,
                   ".SS \"Help\"\n"
                   ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n"
                   "Show the main options and the groups of options\n"
                   ".TP\n\\fB\\-\\-help\\-all\\fR\n"
                   "Show all options\n");
  glide_cli_foreach_option_group (&options, add_man_help, out);
  g_string_append (out,
                   ".SH FILES\n"
                   ".TP\n"
                   ".I $XDG_DATA_HOME/glide/glide.db\n"
                   "The database used when \\fB\\-\\-database\\fR is not given "
                   "(\\fI~/.local/share/glide/glide.db\\fR when XDG_DATA_HOME is unset). "
                   "It is an SQLite file: copy it only with \\fB\\-\\-backup\\fR while Glide "
                   "may be running.\n"
                   ".TP\n"
                   ".I $XDG_DATA_HOME/glide/backups/\n"
                   "The window's automatic backups, unless Preferences or "
                   "\\fB\\-\\-backup\\-dir\\fR choose another folder.\n"
                   ".SH ENVIRONMENT\n"
                   ".TP\n"
                   ".B XDG_DATA_HOME\n"
                   "Where the default database lives.\n"
                   ".TP\n"
                   ".B TZ\n"
                   "The time zone of the dates Glide shows and prints.\n"
                   ".TP\n"
                   ".B SOURCE_DATE_EPOCH\n"
                   "When set, the creation date written into PDF documents, for reproducible "
                   "files.\n"
                   ".TP\n"
                   "\\fBPGPASSFILE\\fR, \\fBPGSSLROOTCERT\\fR and libpq's other PG* variables\n"
                   "Read by libpq when Glide connects to a clinic server.\n"
                   ".SH EXIT STATUS\n");
  append_roff (out, glide_cli_get_exit_status ());
  g_string_append (out,
                   "\n"
                   ".SH EXAMPLES\n"
                   "Try Glide on a demo clinic in a file of its own:\n"
                   ".PP\n"
                   ".RS\n"
                   ".nf\n"
                   "glide \\-d demo.db \\-\\-demo\n"
                   "glide \\-d demo.db\n"
                   ".fi\n"
                   ".RE\n"
                   ".PP\n"
                   "Write a patient's progress report and the last quarter's caseload:\n"
                   ".PP\n"
                   ".RS\n"
                   ".nf\n"
                   "glide \\-\\-report P\\-1001 \\-o report.pdf\n"
                   "glide \\-\\-caseload \\-\\-from 2026\\-07\\-01 \\-\\-to 2026\\-09\\-30 "
                   "\\-o caseload.pdf\n"
                   ".fi\n"
                   ".RE\n"
                   ".PP\n"
                   "Back up while the window is open, then check the copy:\n"
                   ".PP\n"
                   ".RS\n"
                   ".nf\n"
                   "glide \\-\\-backup ~/glide\\-backup.db\n"
                   "glide \\-d ~/glide\\-backup.db \\-\\-check\n"
                   ".fi\n"
                   ".RE\n"
                   ".PP\n"
                   "Let a PostgreSQL login work as a therapist on a clinic server:\n"
                   ".PP\n"
                   ".RS\n"
                   ".nf\n"
                   "createuser anna\n"
                   "glide \\-d postgresql:///clinic?host=/run/postgresql "
                   "\\-\\-grant anna \\-\\-role therapist \\-\\-therapist ak\n"
                   ".fi\n"
                   ".RE\n"
                   ".SH SEE ALSO\n"
                   ".BR createuser (1),\n"
                   ".BR psql (1),\n"
                   ".BR sqlite3 (1)\n"
                   ".SH BUGS\n"
                   "Report problems at\n"
                   ".UR " PACKAGE_WEBSITE "/issues\n"
                   ".UE .\n");
  return g_string_free (out, FALSE);
}

typedef struct
{
  GString *words;      /* every option */
  GString *files;      /* options that take a file: case patterns */
  GString *dirs;
  GString *values;     /* options that take another value */
  GString *choices;    /* case arms of options with a short list of values */
} Completion;

static void
append_pattern (GString            *patterns,
                const GOptionEntry *entry)
{
  if (patterns->len > 0)
    g_string_append_c (patterns, '|');
  g_string_append_printf (patterns, "--%s", entry->long_name);
  if (entry->short_name != '\0')
    g_string_append_printf (patterns, "|-%c", entry->short_name);
}

static void
add_completion_group (const char         *name,
                      const char         *title,
                      const char         *help,
                      const GOptionEntry *entries,
                      gpointer            user_data)
{
  Completion *c = user_data;

  if (name != NULL)
    g_string_append_printf (c->words, " --help-%s", name);
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    {
      const char *words = NULL;

      if ((e->flags & G_OPTION_FLAG_HIDDEN) != 0)
        continue;
      g_string_append_printf (c->words, " --%s", e->long_name);
      if (e->short_name != '\0')
        g_string_append_printf (c->words, " -%c", e->short_name);
      if (e->arg == G_OPTION_ARG_NONE)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
        if (g_strcmp0 (e->arg_description, choices[i].arg_description) == 0)
          words = choices[i].words;
      if (words != NULL)
        {
          g_autoptr(GString) pattern = g_string_new (NULL);

          append_pattern (pattern, e);
          g_string_append_printf (c->choices,
                                  "    %s)\n"
                                  "      mapfile -t COMPREPLY < <(compgen -W '%s' -- \"$cur\")\n"
                                  "      return ;;\n",
                                  pattern->str, words);
        }
      else if (e->arg == G_OPTION_ARG_FILENAME && g_strcmp0 (e->arg_description, "DIR") == 0)
        append_pattern (c->dirs, e);
      else if (e->arg == G_OPTION_ARG_FILENAME)
        append_pattern (c->files, e);
      else
        append_pattern (c->values, e);
    }
}

/**
 * glide_cli_docs_bash_completion:
 *
 * Completes glide's options, file names after the options that take a file,
 * folders after --backup-dir and the few values that come from a list.
 *
 * Returns: (transfer full): a bash script that defines _glide
 */
char *
glide_cli_docs_bash_completion (void)
{
  GlideCliOptions options = { 0 };
  Completion c = {
    g_string_new ("--help -h --help-all"), g_string_new (NULL), g_string_new (NULL),
    g_string_new (NULL), g_string_new (NULL),
  };
  GString *out = g_string_new (NULL);

  glide_cli_foreach_option_group (&options, add_completion_group, &c);
  /* A case arm needs a pattern even when no option is of its kind. */
  for (GString **patterns = (GString *[]) { c.files, c.dirs, c.values, NULL }; *patterns; patterns++)
    if ((*patterns)->len == 0)
      g_string_append (*patterns, "--glide-no-such-option");
  g_string_append_printf (out,
    "# bash completion for glide -*- shell-script -*-\n"
    "# Generated from src/cli/glide-cli.c's option table by glide-docgen; do not edit.\n"
    "\n"
    "_glide ()\n"
    "{\n"
    "  local cur=${COMP_WORDS[COMP_CWORD]}\n"
    "  local prev=\n"
    "  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
    "  COMPREPLY=()\n"
    "\n"
    "  case $prev in\n"
    "%s"
    "    %s)\n"
    "      compopt -o filenames 2>/dev/null\n"
    "      mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
    "      return ;;\n"
    "    %s)\n"
    "      compopt -o filenames 2>/dev/null\n"
    "      mapfile -t COMPREPLY < <(compgen -d -- \"$cur\")\n"
    "      return ;;\n"
    "    %s)\n"
    "      return ;;\n"
    "  esac\n"
    "\n"
    "  if [[ $cur == -* ]]; then\n"
    "    mapfile -t COMPREPLY < <(compgen -W '%s' -- \"$cur\")\n"
    "  fi\n"
    "}\n"
    "complete -F _glide glide\n",
    c.choices->str, c.files->str, c.dirs->str, c.values->str, c.words->str);

  g_string_free (c.words, TRUE);
  g_string_free (c.files, TRUE);
  g_string_free (c.dirs, TRUE);
  g_string_free (c.values, TRUE);
  g_string_free (c.choices, TRUE);
  return g_string_free (out, FALSE);
}
