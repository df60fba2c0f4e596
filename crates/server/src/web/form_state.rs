//! What a refused form comes back with: its mistakes beside their fields, in the page's
//! language, and what was typed, so nobody types it again (the browser's Back button is no
//! part of the app).

use std::collections::HashMap;

use clientele_core::FieldErrors;

use super::i18n::Tr;
use super::messages;

/// One form's refusal on a page that holds several forms; empty when nothing was refused.
#[derive(Default)]
pub(crate) struct FormState {
    /// The form refused (`interaction`, `feedback`, `complaint`, `edit`), if one was.
    form: &'static str,
    /// Input name → what is wrong with it.
    errors: HashMap<String, String>,
    /// Every mistake of the form, `field: what is wrong`, in order.
    pub(crate) said: Vec<(String, String)>,
    /// Input name → what was typed.
    typed: HashMap<String, String>,
    /// What a form just did (its name, and the sentence that says so), shown by that form.
    pub(crate) notice: Option<(String, String)>,
}

impl FormState {
    /// The refusal of `form`: each error's field is moved to its input's name by `input`.
    pub(crate) fn refused(
        t: &Tr,
        form: &'static str,
        errors: &FieldErrors,
        typed: HashMap<String, String>,
        input: impl Fn(&str) -> String,
    ) -> FormState {
        let mut state = FormState {
            form,
            typed,
            ..FormState::default()
        };
        for e in errors.iter() {
            let name = input(&e.field);
            let said = messages::say(t, &e.says);
            state
                .errors
                .entry(name.clone())
                .or_insert_with(|| said.clone());
            let field = t
                .try_t(&format!("{form}-field-{name}"))
                .unwrap_or_else(|| messages::field(t, &e.field));
            state.said.push((
                name,
                t.with_args("invalid-field", &[("field", field), ("message", said)]),
            ));
        }
        state
    }

    /// What `form` just did, if it did something.
    pub(crate) fn notice(&self, form: &str) -> String {
        match &self.notice {
            Some((done, said)) if done == form => said.clone(),
            _ => String::new(),
        }
    }

    /// Whether this form was refused.
    pub(crate) fn is(&self, form: &str) -> bool {
        !self.form.is_empty() && self.form == form
    }

    /// What is wrong with an input of `form`, or nothing.
    pub(crate) fn error(&self, form: &str, name: &str) -> String {
        if self.is(form) {
            self.errors.get(name).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }

    /// What was typed into an input of `form`, or `stored` when the form was not refused.
    pub(crate) fn value(&self, form: &str, name: &str, stored: &str) -> String {
        if self.is(form) {
            self.typed.get(name).cloned().unwrap_or_default()
        } else {
            stored.to_owned()
        }
    }
}
