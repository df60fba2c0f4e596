//! The default playbooks on a generated base classified at successive dates: each acts on
//! exactly the transitions that match its trigger, once each, even with two runs at once;
//! running again, or re-running the same pass, makes nothing; no customer gets two open
//! tasks of one playbook, and re-entry keeps its days.

use std::collections::{HashMap, HashSet};

use clientele_core::classify::TypeSettings;
use clientele_core::model::Reentry;
use clientele_core::time::Weekend;
use clientele_store::{ListRequest, TaskFilter, TransitionFilter, every_page};

use crate::support::*;
use clientele_store::testing::databases;

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn default_playbooks_act_once_on_exactly_the_transitions_that_match() {
    let (base, end) = demo_base(400, 12);
    let weekend = Weekend::of_language("en");
    let now = jiff::Timestamp::now();
    for db in databases().await {
        let store = loaded(&db, &base).await;
        let settings = TypeSettings::default();
        let mut as_of = end - 140 * DAY;
        let mut acted = 0u64;
        loop {
            store.classify_all(&settings, as_of).await.unwrap();
            // Two runs at once (two servers): each transition is still acted on once.
            let (a, b) = tokio::join!(
                store.run_playbooks(now, &weekend),
                store.run_playbooks(now, &weekend)
            );
            let (a, b) = (a.unwrap(), b.unwrap());
            acted += a.tasks_created + a.skipped + b.tasks_created + b.skipped;
            let again = store.run_playbooks(now, &weekend).await.unwrap();
            assert_eq!(again.tasks_created + again.skipped, 0, "{again:?}");
            if as_of == end {
                break;
            }
            as_of = (as_of + 14 * DAY).min(end);
        }
        // The same pass again records nothing, so nothing is made.
        store.classify_all(&settings, end).await.unwrap();
        let again = store.run_playbooks(now, &weekend).await.unwrap();
        assert_eq!(again.transitions, 0, "{again:?}");

        let mut matching_all = 0u64;
        let mut made_all = 0u64;
        for record in store.list_playbooks().await.unwrap() {
            let p = &record.playbook;
            let mut matching: HashMap<i64, (String, i64)> = HashMap::new();
            let filter = TransitionFilter {
                axis: Some(p.axis.as_str().to_owned()),
                to: p.to_value.clone(),
                ..Default::default()
            };
            every_page(
                |page: ListRequest| {
                    let filter = &filter;
                    let store = &store;
                    async move { store.list_transitions(&SYSTEM, filter, &page).await }
                },
                |items| -> Result<(), clientele_store::StoreError> {
                    for t in items {
                        matching.insert(
                            t.transition_id,
                            (
                                t.transition.customer_id.clone(),
                                clientele_core::time::to_millis(t.transition.at),
                            ),
                        );
                    }
                    Ok(())
                },
            )
            .await
            .unwrap();
            matching_all += matching.len() as u64;
            let mut tasks = Vec::new();
            let filter = TaskFilter {
                playbook_id: Some(p.playbook_id.clone()),
                ..Default::default()
            };
            every_page(
                |page: ListRequest| {
                    let filter = &filter;
                    let store = &store;
                    async move { store.list_tasks(&SYSTEM, filter, &page).await }
                },
                |items| -> Result<(), clientele_store::StoreError> {
                    tasks.extend(items);
                    Ok(())
                },
            )
            .await
            .unwrap();
            assert_eq!(record.tasks, tasks.len() as u64, "{}", p.playbook_id);
            made_all += tasks.len() as u64;
            let mut seen = HashSet::new();
            let mut open_per_customer: HashMap<&str, u32> = HashMap::new();
            let mut days_per_customer: HashMap<&str, Vec<i64>> = HashMap::new();
            for task in &tasks {
                let id = task
                    .transition_id
                    .expect("a playbook's task names its transition");
                assert!(
                    seen.insert(id),
                    "{}: transition {id} acted on twice",
                    p.playbook_id
                );
                let (customer, at) = matching.get(&id).unwrap_or_else(|| {
                    panic!(
                        "{}: task for a transition that does not match",
                        p.playbook_id
                    )
                });
                assert_eq!(customer, &task.customer_id);
                assert_eq!(task.created_by, format!("playbook: {}", p.playbook_id));
                *open_per_customer.entry(&task.customer_id).or_default() += 1;
                days_per_customer
                    .entry(&task.customer_id)
                    .or_default()
                    .push(*at);
            }
            assert!(
                open_per_customer
                    .values()
                    .all(|n| *n == 1 || p.reentry != Reentry::Once)
            );
            if p.reentry == Reentry::EveryNDays {
                let n = i64::from(p.reentry_days.unwrap()) * DAY;
                for days in days_per_customer.values_mut() {
                    days.sort_unstable();
                    assert!(
                        days.windows(2).all(|w| w[1] - w[0] >= n),
                        "{}: {days:?}",
                        p.playbook_id
                    );
                }
            }
        }
        // Every matching transition was acted on once: a task, or a reason it made none.
        assert_eq!(acted, matching_all, "on {:?}", db.backend);
        assert!(made_all > 20, "{made_all} tasks from the default playbooks");
        let lapsed = store.get_playbook("lapsed").await.unwrap();
        assert!(lapsed.tasks > 0, "{lapsed:?}");
        assert_eq!(lapsed.open, lapsed.tasks);
    }
}

/// A playbook turned on over an old base acts on new transitions only; a back-fill's dry
/// run says how many tasks the history would make and for whom, the back-fill then makes
/// exactly those, and a second one makes none.
#[tokio::test]
async fn a_back_fill_makes_what_its_dry_run_said() {
    let (base, end) = demo_base(300, 21);
    let weekend = Weekend::of_language("fa");
    let now = jiff::Timestamp::now();
    for db in databases().await {
        let store = loaded(&db, &base).await;
        let settings = TypeSettings::default();
        store.set_playbook_active("lapsed", false, 0).await.unwrap();
        for step in (0..=6).rev() {
            store
                .classify_all(&settings, end - step * 20 * DAY)
                .await
                .unwrap();
            store.run_playbooks(now, &weekend).await.unwrap();
        }
        assert_eq!(store.get_playbook("lapsed").await.unwrap().tasks, 0);
        // On again: the history is not acted on by itself.
        store.set_playbook_active("lapsed", true, 1).await.unwrap();
        let run = store.run_playbooks(now, &weekend).await.unwrap();
        assert_eq!(run.transitions, 0, "{run:?}");

        let preview = store
            .backfill_playbook("lapsed", now, &weekend, true)
            .await
            .unwrap();
        assert!(preview.tasks > 0, "{preview:?}");
        assert_eq!(
            store.get_playbook("lapsed").await.unwrap().tasks,
            0,
            "a dry run writes nothing"
        );
        let done = store
            .backfill_playbook("lapsed", now, &weekend, false)
            .await
            .unwrap();
        assert_eq!(done.tasks, preview.tasks);
        assert_eq!(done.customers, preview.customers);
        assert_eq!(
            store.get_playbook("lapsed").await.unwrap().tasks,
            done.tasks
        );
        let again = store
            .backfill_playbook("lapsed", now, &weekend, false)
            .await
            .unwrap();
        assert_eq!(again.tasks, 0, "{again:?}");
    }
}
