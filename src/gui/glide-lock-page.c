/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glide-lock-page.c: the page an idle window shows in place of patient data.
 * On a clinic server it takes the person's password again, checked by
 * opening a second connection with it on a thread (a server that is down
 * must not freeze the window); on this computer's file, which has no
 * password, Unlock alone returns. The page never holds patient data. */

#define G_LOG_DOMAIN "glide-lock-page"

#include "config.h"

#include "glide-lock-page.h"

#include "glide-application.h"

#include <glib/gi18n.h>
#include <string.h>

struct _GlideLockPage
{
  AdwBin        parent_instance;

  GlideStore   *store;
  GCancellable *cancellable;
  gboolean      busy;
  char         *error;

  GtkLabel     *who_label;
  GtkWidget    *password_group;
  AdwPasswordEntryRow *password_row;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;
  GtkWidget    *unlock_button;
  GtkWidget    *sign_out_button;
};

G_DEFINE_FINAL_TYPE (GlideLockPage, glide_lock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char *uri;
  char *password;
  char *login;
} Check;

/* ---- helpers ------------------------------------------------------------------- */

static void
check_free (Check *check)
{
  g_free (check->uri);
  if (check->password != NULL)
    memset (check->password, 0, strlen (check->password));
  g_free (check->password);
  g_free (check->login);
  g_free (check);
}

static void
set_busy (GlideLockPage *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* The entry stays sensitive: taking it away from under the focus loses
   * the focus, and with it where the person types next. */
  gtk_widget_set_sensitive (self->unlock_button, !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (GlideLockPage *self,
            const char    *error)
{
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_text (self->error_label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* ---- the check, on a thread ------------------------------------------------------ */

static void
check_password_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  Check *check = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlideStore) store = glide_store_open_server (check->uri, check->password, &error);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (g_strcmp0 (glide_store_get_login (store), check->login) != 0)
    g_task_return_new_error (task, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION,
                             "signed in as %s", glide_store_get_login (store));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_password_checked (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  GlideLockPage *self = GLIDE_LOCK_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (error == NULL)
    {
      glide_lock_page_reset (self);
      g_signal_emit (self, signals[UNLOCKED], 0);
    }
  else if (g_error_matches (error, GLIDE_STORE_ERROR, GLIDE_STORE_ERROR_PERMISSION))
    {
      g_debug ("Unlock refused: %s", error->message);
      show_error (self, _("That is not the password of this login. Try again."));
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("The password could not be checked: %s"),
                                               error->message);

      show_error (self, text);
    }
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_unlock_clicked (GlideLockPage *self)
{
  glide_lock_page_unlock (self);
}

static void
on_password_activated (GlideLockPage *self)
{
  glide_lock_page_unlock (self);
}

/* ---- overrides -------------------------------------------------------------------- */

static void
glide_lock_page_constructed (GObject *object)
{
  GlideLockPage *self = GLIDE_LOCK_PAGE (object);
  gboolean server = glide_store_is_server (self->store);
  g_autofree char *who = NULL;

  G_OBJECT_CLASS (glide_lock_page_parent_class)->constructed (object);

  if (server)
    /* Translators: %s is the login name, then its role */
    who = g_strdup_printf (_("Signed in as %s (%s). Enter your password to go on; what you "
                             "were typing is kept."),
                           glide_store_get_login (self->store),
                           glide_store_role_get_code (glide_store_get_role (self->store)));
  else
    who = g_strdup (_("Patient records are hidden while nobody works here. What you were "
                      "typing is kept."));
  gtk_label_set_text (self->who_label, who);
  gtk_widget_set_visible (self->password_group, server);
  gtk_widget_set_visible (self->sign_out_button, server);
}

static void
glide_lock_page_dispose (GObject *object)
{
  GlideLockPage *self = GLIDE_LOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLIDE_TYPE_LOCK_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (glide_lock_page_parent_class)->dispose (object);
}

static void
glide_lock_page_finalize (GObject *object)
{
  GlideLockPage *self = GLIDE_LOCK_PAGE (object);

  g_free (self->error);

  G_OBJECT_CLASS (glide_lock_page_parent_class)->finalize (object);
}

static void
glide_lock_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlideLockPage *self = GLIDE_LOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_lock_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GlideLockPage *self = GLIDE_LOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glide_lock_page_class_init (GlideLockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = glide_lock_page_constructed;
  object_class->dispose = glide_lock_page_dispose;
  object_class->finalize = glide_lock_page_finalize;
  object_class->get_property = glide_lock_page_get_property;
  object_class->set_property = glide_lock_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GLIDE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * GlideLockPage:busy:
   *
   * Whether a password is being checked.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlideLockPage::unlocked:
   *
   * The person proved who they are (or, on this computer's file, pressed
   * Unlock): the window may show its pages again.
   */
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/glide-lock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GlideLockPage, who_label);
  gtk_widget_class_bind_template_child (widget_class, GlideLockPage, password_group);
  gtk_widget_class_bind_template_child (widget_class, GlideLockPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, GlideLockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, GlideLockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlideLockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, GlideLockPage, sign_out_button);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_clicked);
}

static void
glide_lock_page_init (GlideLockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->password_row, "entry-activated",
                           G_CALLBACK (on_password_activated), self, G_CONNECT_SWAPPED);
}

/* ---- public API -------------------------------------------------------------------- */

GlideLockPage *
glide_lock_page_new (GlideStore *store)
{
  g_return_val_if_fail (GLIDE_IS_STORE (store), NULL);
  return g_object_new (GLIDE_TYPE_LOCK_PAGE, "store", store, NULL);
}

/**
 * glide_lock_page_reset:
 *
 * Forgets the typed password and any refusal, for the next lock.
 */
void
glide_lock_page_reset (GlideLockPage *self)
{
  g_return_if_fail (GLIDE_IS_LOCK_PAGE (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
}

void
glide_lock_page_set_password (GlideLockPage *self,
                              const char    *password)
{
  g_return_if_fail (GLIDE_IS_LOCK_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

/**
 * glide_lock_page_unlock:
 *
 * What Unlock does: on a clinic server, checks the typed password by
 * signing in with it once more (#GlideLockPage:busy meanwhile); emits
 * #GlideLockPage::unlocked when it is right, shows why not otherwise.
 */
void
glide_lock_page_unlock (GlideLockPage *self)
{
  g_autoptr(GTask) task = NULL;
  Check *check;

  g_return_if_fail (GLIDE_IS_LOCK_PAGE (self));

  if (self->busy)
    return;
  if (!glide_store_is_server (self->store))
    {
      glide_lock_page_reset (self);
      g_signal_emit (self, signals[UNLOCKED], 0);
      return;
    }
  show_error (self, NULL);
  check = g_new0 (Check, 1);
  check->uri = g_strdup (glide_store_get_path (self->store));
  check->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  check->login = g_strdup (glide_store_get_login (self->store));
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, on_password_checked, NULL);
  g_task_set_source_tag (task, glide_lock_page_unlock);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);
  g_task_run_in_thread (task, check_password_thread);
}

gboolean
glide_lock_page_get_busy (GlideLockPage *self)
{
  g_return_val_if_fail (GLIDE_IS_LOCK_PAGE (self), FALSE);
  return self->busy;
}

/* The refusal on show, or %NULL. */
const char *
glide_lock_page_get_error (GlideLockPage *self)
{
  g_return_val_if_fail (GLIDE_IS_LOCK_PAGE (self), NULL);
  return self->error;
}

void
glide_lock_page_focus (GlideLockPage *self)
{
  g_return_if_fail (GLIDE_IS_LOCK_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (glide_store_is_server (self->store) ?
                                     GTK_WIDGET (self->password_row) : self->unlock_button));
}
