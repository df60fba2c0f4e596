//! The rules of identity and trust, without a database.

use super::*;
use crate::AccessScope;
use clientele_core::EmployeeRole;

fn principal(role: EmployeeRole, via: Via) -> Principal {
    Principal {
        employee_key: 1,
        email: "ana@example.com".into(),
        name: "Ana".into(),
        role,
        team: Some("Retail".into()),
        locale: None,
        calendar: None,
        time_zone: None,
        must_change_password: false,
        via,
    }
}

const SESSION: Via = Via::Session {
    session_key: 1,
    csrf_token: String::new(),
};

#[test]
fn roles_see_their_customers_and_analysts_only_figures() {
    use EmployeeRole::*;
    let scope = |role, need| principal(role, SESSION).authorise(need);
    assert_eq!(scope(Admin, Need::ReadPersonal), Ok(AccessScope::All));
    assert_eq!(
        scope(Manager, Need::WritePersonal),
        Ok(AccessScope::Team("Retail".into()))
    );
    assert_eq!(
        scope(Agent, Need::ReadPersonal),
        Ok(AccessScope::Owner("ana@example.com".into()))
    );
    assert!(scope(Analyst, Need::ReadPersonal).is_err());
    assert_eq!(scope(Analyst, Need::Aggregate), Ok(AccessScope::All));
    assert!(scope(Agent, Need::ManageTeam).is_err());
    assert!(scope(Manager, Need::ManageTeam).is_ok());
    assert!(scope(Manager, Need::Admin).is_err());
    assert!(scope(Admin, Need::Admin).is_ok());
}

#[test]
fn a_token_never_exceeds_its_scope_nor_its_employee_s_role() {
    let token = |scope| Via::Token {
        token_key: 7,
        scope,
    };
    let reader = principal(EmployeeRole::Admin, token(TokenScope::Read));
    assert!(reader.authorise(Need::ReadPersonal).is_ok());
    assert!(reader.authorise(Need::WritePersonal).is_err());
    assert!(reader.authorise(Need::Admin).is_err());
    assert!(reader.authorise(Need::OwnAccount).is_err());
    let writer = principal(EmployeeRole::Admin, token(TokenScope::Write));
    assert!(writer.authorise(Need::WritePersonal).is_ok());
    assert!(writer.authorise(Need::Admin).is_err());
    assert!(writer.authorise(Need::OwnAccount).is_ok());
    let agent_admin_token = principal(EmployeeRole::Agent, token(TokenScope::Admin));
    assert!(agent_admin_token.authorise(Need::Admin).is_err());
    assert_eq!(agent_admin_token.actor(), "token 7 of ana@example.com");
}

#[test]
fn passwords_are_checked_for_length_and_the_e_mail_and_hashed_with_argon2id() {
    assert!(check_new_password("short", "ana@example.com").is_err());
    assert!(check_new_password("ana-is-my-password", "ana@example.com").is_err());
    assert!(check_new_password("correct horse battery", "ana@example.com").is_ok());
    let hash = hash_password("correct horse battery").unwrap();
    assert!(hash.starts_with("$argon2id$"));
    assert!(verify_password("correct horse battery", &hash));
    assert!(!verify_password("correct horse batterY", &hash));
    assert_ne!(
        hash,
        hash_password("correct horse battery").unwrap(),
        "salted"
    );
}

#[test]
fn secrets_are_random_and_only_their_hash_is_kept() {
    let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
    assert_ne!(a, b);
    assert_eq!(a.len(), 43);
    assert_eq!(secret_hash(&a).len(), 64);
    assert_ne!(secret_hash(&a), a);
}
