/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-alert-rows.c: one way to show a screening alert, wherever it shows. */

#define G_LOG_DOMAIN "glide-alert-rows"

#include "config.h"

#include "glide-alert-rows.h"

#include "glide-records.h"

#include <adwaita.h>
#include <glib/gi18n.h>

void
glide_alert_rows_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/**
 * glide_alert_rows_add:
 * @style: (nullable): "warning", "error" or "success", or %NULL for a plain notice
 * @subtitle: (nullable): a second line
 *
 * Returns: (transfer none): the row (an AdwActionRow), for a suffix
 */
GtkWidget *
glide_alert_rows_add (GtkListBox *list,
                      const char *icon_name,
                      const char *style,
                      const char *title,
                      const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  gtk_widget_add_css_class (row, "alert-row");
  if (style != NULL)
    gtk_widget_add_css_class (row, style);
  gtk_list_box_append (list, row);
  return row;
}

/**
 * glide_alert_rows_add_screening:
 * @screening: (element-type GlideScreening): the patient's screening
 * @with_advice: add a line on what the condition asks of the therapist
 * @titles: (nullable): gets each row's title, one per line
 *
 * A row for each condition present: contraindications first (error style),
 * then precautions (warning style).
 */
void
glide_alert_rows_add_screening (GtkListBox      *list,
                                const GPtrArray *screening,
                                gboolean         with_advice,
                                GString         *titles)
{
  for (int kind = GLIDE_CONDITION_KIND_CONTRAINDICATION; kind >= GLIDE_CONDITION_KIND_PRECAUTION; kind--)
    for (guint i = 0; i < screening->len; i++)
      {
        const GlideScreening *s = g_ptr_array_index ((GPtrArray *) screening, i);
        gboolean contra = kind == GLIDE_CONDITION_KIND_CONTRAINDICATION;
        g_autofree char *title = NULL;

        if (!s->present || (int) glide_condition_get_kind (s->condition) != kind)
          continue;
        title = g_strdup_printf (contra ? _("Contraindication: %s") : _("Precaution: %s"),
                                 glide_code_list_label (GLIDE_CODE_LIST_CONDITION, s->condition));
        glide_alert_rows_add (list, contra ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                              contra ? "error" : "warning", title,
                              !with_advice ? NULL :
                              contra ? _("Every session needs a documented reason to treat") :
                              _("Adapt pressure and watch the skin response"));
        if (titles != NULL)
          g_string_append_printf (titles, "%s\n", title);
      }
}
