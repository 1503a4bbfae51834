//! Table-shaped results as Arrow record batches: the vulnerability table,
//! the images view and the trend's series, for DataFrame libraries to take
//! without a record per row.

mod arrays;
mod images;
mod table;
mod trend;

pub use images::images_batch;
pub use table::table_batch;
pub use trend::trend_batch;
