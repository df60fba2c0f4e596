//! Who may see which customers. Every query that reads customer data takes an
//! [`AccessScope`] and narrows itself with [`AccessScope::restrict`], so that access is
//! decided in one place, next to the SQL.

use crate::sql::Sql;

/// The customers a caller may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessScope {
    /// A path of the system itself (a CLI command, an import, the type engine), named so
    /// that it can be audited. Sees every customer.
    System(&'static str),
    /// An administrator: every customer.
    All,
    /// A manager: the customers owned by the members of their team.
    Team(String),
    /// An agent: the customers they own, by the agent's e-mail.
    Owner(String),
}

impl AccessScope {
    /// Appends ` and …` restricting the customers aliased `customer` to those this scope may
    /// *read*: what [`Self::restrict`] allows, and the organisations those customers belong
    /// to (an agent sees, read-only, the company their contact works for).
    pub(crate) fn restrict_read(&self, sql: &mut Sql, customer: &str) {
        self.restrict_read_planned(sql, customer, false);
    }

    /// [`Self::restrict_read`], telling the database not to look the scope's customers up
    /// by owner (`+owner_key` hides the index) when `walk_sort_order`: the caller knows the
    /// scope is large and the query is read in an indexed order with a limit.
    pub(crate) fn restrict_read_planned(
        &self,
        sql: &mut Sql,
        customer: &str,
        walk_sort_order: bool,
    ) {
        let owners = |sql: &mut Sql| match self {
            AccessScope::System(_) | AccessScope::All => {}
            AccessScope::Team(team) => {
                sql.push("(select employee_key from employees where team = ")
                    .bind(team.as_str())
                    .push(")");
            }
            AccessScope::Owner(email) => {
                sql.push("(select employee_key from employees where email = ")
                    .bind(email.to_lowercase())
                    .push(")");
            }
        };
        if matches!(self, AccessScope::System(_) | AccessScope::All) {
            return;
        }
        let plus = if walk_sort_order { "+" } else { "" };
        sql.push(&format!(" and ({plus}{customer}.owner_key in "));
        owners(sql);
        sql.push(&format!(
            " or {customer}.customer_key in (select m.organisation_key from customers m where m.owner_key in "
        ));
        owners(sql);
        sql.push("))");
    }

    /// Appends ` and …` restricting the customers aliased `customer` to this scope.
    pub(crate) fn restrict(&self, sql: &mut Sql, customer: &str) {
        match self {
            AccessScope::System(_) | AccessScope::All => {}
            AccessScope::Team(team) => {
                sql.push(&format!(
                    " and {customer}.owner_key in (select employee_key from employees where team = "
                ))
                .bind(team.as_str())
                .push(")");
            }
            AccessScope::Owner(email) => {
                sql.push(&format!(
                    " and {customer}.owner_key = (select employee_key from employees where email = "
                ))
                .bind(email.to_lowercase())
                .push(")");
            }
        }
    }
}
