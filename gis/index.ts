/** gis/: framework-free spatial code. One operation per module; this file only re-exports them. */
export * from './crs-registry';
export * from './parse-crs-name';
export * from './parse-prj';
export * from './reproject';
export * from './check-coordinates';
export * from './polygon-problems';
export * from './read-text-stream';
export * from './read-csv';
export * from './read-geojson-features';
export * from './read-shapefile';
export * from './bbox';
