//! The base as a store's bulk load takes it.

use clientele_store::BulkBase;

use crate::DemoBase;

impl<'a> From<&'a DemoBase> for BulkBase<'a> {
    fn from(base: &'a DemoBase) -> Self {
        BulkBase {
            employees: &base.employees,
            customers: &base.customers,
            orders: &base.orders,
            costs: &base.costs,
            interactions: &base.interactions,
            complaints: &base.complaints,
            feedback: &base.feedback,
        }
    }
}
