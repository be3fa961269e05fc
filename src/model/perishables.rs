//! Perishables: a fresh-produce parcel delivered later than its shelf life after the order
//! counts as spoiled. Spoiled parcels are delivered parcels (they are not lost in transit).

/// Is a parcel of this kind, delivered `door_to_door_h` hours after its order, spoiled?
#[inline(always)]
pub fn spoiled(fresh: bool, door_to_door_h: f64, shelf_life_h: f64) -> bool {
    fresh && door_to_door_h > shelf_life_h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_late_fresh_parcels_spoil() {
        assert!(spoiled(true, 80.0, 72.0));
        assert!(!spoiled(true, 72.0, 72.0));
        assert!(!spoiled(false, 500.0, 72.0));
    }
}
