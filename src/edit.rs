//! A document's TOML changed in place with `toml_edit`: one key set,
//! keeping its place and the comments around its value, the rest of the
//! file as the clerk wrote it. Used where vanban writes into the clerk's
//! own file (the workspace's form, the number the văn thư gives).

use toml_edit::{Item, TableLike};

/// Key `key` of `table` set to `new` (removed for `None`).
pub fn set(table: &mut dyn TableLike, key: &str, new: Option<Item>) {
    match new {
        Some(mut item) => match table.get_mut(key) {
            Some(old) => {
                if let (Some(was), Some(now)) = (old.as_value(), item.as_value_mut()) {
                    *now.decor_mut() = was.decor().clone();
                }
                *old = item;
            }
            None => {
                table.insert(key, item);
            }
        },
        None => {
            table.remove(key);
        }
    }
}
