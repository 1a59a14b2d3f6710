//! Competition ranking (1, 2, 2, 4): tied units share the better rank.

use rust_decimal::Decimal;

use crate::scheme::Order;

pub(super) fn competition_ranks(values: &[Decimal], order: Order) -> Vec<u32> {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| match order {
        Order::Desc => values[b].cmp(&values[a]),
        Order::Asc => values[a].cmp(&values[b]),
    });
    let mut ranks = vec![0u32; values.len()];
    for (pos, &i) in idx.iter().enumerate() {
        ranks[i] = if pos > 0 && values[idx[pos - 1]] == values[i] {
            ranks[idx[pos - 1]]
        } else {
            pos as u32 + 1
        };
    }
    ranks
}
