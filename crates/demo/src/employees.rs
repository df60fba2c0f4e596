//! The business's staff: who they are, who owns which customers, who stands in for whom.

use clientele_core::enums::EmployeeRole;
use clientele_core::model::Employee;

use crate::clock::stamp;
use crate::rng::Rng;

pub(crate) struct StaffMember {
    name: &'static str,
    pub(crate) email: &'static str,
    role: EmployeeRole,
    team: Option<&'static str>,
}

const RETAIL: &str = "Retail";
const KEY_ACCOUNTS: &str = "Key accounts";

pub(crate) const STAFF: [StaffMember; 8] = [
    StaffMember {
        name: "Sarah Mitchell",
        email: "sarah.mitchell@example.com",
        role: EmployeeRole::Admin,
        team: None,
    },
    StaffMember {
        name: "رضا کریمی",
        email: "reza.karimi@example.com",
        role: EmployeeRole::Manager,
        team: Some(KEY_ACCOUNTS),
    },
    StaffMember {
        name: "ნინო ბერიძე",
        email: "nino.beridze@example.com",
        role: EmployeeRole::Manager,
        team: Some(RETAIL),
    },
    StaffMember {
        name: "Maricel Santos",
        email: "maricel.santos@example.com",
        role: EmployeeRole::Agent,
        team: Some(RETAIL),
    },
    StaffMember {
        name: "مهسا\u{200C}سادات حسینی",
        email: "mahsasadat.hosseini@example.com",
        role: EmployeeRole::Agent,
        team: Some(RETAIL),
    },
    StaffMember {
        name: "გიორგი კაპანაძე",
        email: "giorgi.kapanadze@example.com",
        role: EmployeeRole::Agent,
        team: Some(KEY_ACCOUNTS),
    },
    StaffMember {
        name: "Juan Bautista",
        email: "juan.bautista@example.com",
        role: EmployeeRole::Agent,
        team: Some(KEY_ACCOUNTS),
    },
    StaffMember {
        name: "James Carter",
        email: "james.carter@example.com",
        role: EmployeeRole::Analyst,
        team: None,
    },
];

/// The key-account agent who has left and still owns customers (spec: `owner_risk`).
pub(crate) const LEAVER: usize = 5;
/// Who takes over the leaver's contacts: the key-accounts manager.
pub(crate) const KEY_MANAGER: usize = 1;
pub(crate) const LEFT_DAYS_AGO: f64 = 75.0;

/// Owners of end customers, weighted: the retail team, and the leaver now and then.
pub(crate) const RETAIL_OWNERS: [(usize, u32); 4] = [(2, 1), (3, 3), (4, 3), (LEAVER, 1)];
/// Owners of organisations and resellers: the leaver had half of them.
pub(crate) const KEY_OWNERS: [(usize, u32); 3] = [(KEY_MANAGER, 1), (LEAVER, 3), (6, 2)];
/// Owners of internal customers.
pub(crate) const INTERNAL_OWNERS: [(usize, u32); 3] = [(0, 2), (KEY_MANAGER, 1), (2, 1)];

/// The colleagues who stand in for an owner.
pub(crate) fn team_of(owner: usize) -> &'static [usize] {
    match STAFF[owner].team {
        Some(RETAIL) => &[2, 3, 4],
        Some(_) => &[KEY_MANAGER, LEAVER, 6],
        None => &[0, KEY_MANAGER, 2],
    }
}

pub(crate) fn pick_owner(rng: &mut Rng, owners: &[(usize, u32)]) -> Option<usize> {
    if rng.chance(0.04) {
        return None;
    }
    let weights: Vec<u32> = owners.iter().map(|(_, w)| *w).collect();
    Some(owners[rng.weighted(&weights)].0)
}

/// The staff as employee records: hired at `hired`, and the leaver gone at `left_at`.
pub(crate) fn employees(hired: [i64; 8], left_at: i64) -> Vec<Employee> {
    STAFF
        .iter()
        .zip(hired)
        .enumerate()
        .map(|(i, (member, hired))| {
            let left = (i == LEAVER).then(|| stamp(left_at));
            Employee {
                name: member.name.to_owned(),
                email: member.email.to_owned(),
                role: member.role,
                team: member.team.map(str::to_owned),
                active: left.is_none(),
                left_at: left,
                created_at: stamp(hired),
                updated_at: left.unwrap_or(stamp(hired)),
            }
        })
        .collect()
}
