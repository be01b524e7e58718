import assert from 'node:assert/strict';
import { parseCrsName, crsOfGeoJSON, parsePrj, UnknownCrsError, SUPPORTED_SRIDS } from '.';
import { PRJ_2180 } from '../api/city/fixtures/write-shapefile';

describe('gis: coordinate system names and .prj files', () => {
  it('reads the usual spellings of an EPSG code', () => {
    assert.equal(parseCrsName('EPSG:2180'), 2180);
    assert.equal(parseCrsName('urn:ogc:def:crs:EPSG::2178'), 2178);
    assert.equal(parseCrsName('urn:ogc:def:crs:EPSG:6.3:2263'), 2263);
    assert.equal(parseCrsName('http://www.opengis.net/def/crs/EPSG/0/3857'), 3857);
    assert.equal(parseCrsName('urn:ogc:def:crs:OGC:1.3:CRS84'), 4326);
    assert.equal(crsOfGeoJSON({ type: 'name', properties: { name: 'EPSG:2176' } }), 2176);
    assert.equal(crsOfGeoJSON(undefined), undefined);
    assert.deepEqual([...SUPPORTED_SRIDS].sort(), [2176, 2177, 2178, 2179, 2180, 2263, 3857, 4326]);
  });

  it('refuses an unknown or unreadable CRS instead of guessing', () => {
    assert.throws(
      () => parseCrsName('EPSG:31467'),
      (e: Error) => e instanceof UnknownCrsError && /EPSG:31467 is not a supported/.test(e.message),
    );
    assert.throws(() => parseCrsName('Gauss-Krüger'), /cannot read the coordinate system name/);
    assert.throws(() => crsOfGeoJSON({ type: 'link', properties: { href: 'x' } }), UnknownCrsError);
  });

  it('recognises ESRI .prj files by their projection parameters', () => {
    assert.equal(parsePrj(PRJ_2180), 2180);
    const cs2000 = (zone: number, meridian: number) =>
      `PROJCS["ETRS_1989_Poland_CS2000_Zone_${zone}",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",${zone}500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${meridian}.0],PARAMETER["Scale_Factor",0.999923],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    assert.equal(parsePrj(cs2000(5, 15)), 2176);
    assert.equal(parsePrj(cs2000(6, 18)), 2177);
    assert.equal(parsePrj(cs2000(7, 21)), 2178);
    assert.equal(parsePrj(cs2000(8, 24)), 2179);
    assert.equal(
      parsePrj(
        'PROJCS["NAD_1983_StatePlane_New_York_Long_Island_FIPS_3104_Feet",GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",984250.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-74.0],PARAMETER["Standard_Parallel_1",40.66666666666666],PARAMETER["Standard_Parallel_2",41.03333333333333],PARAMETER["Latitude_Of_Origin",40.16666666666666],UNIT["Foot_US",0.3048006096012192]]',
      ),
      2263,
    );
    assert.equal(
      parsePrj(
        'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]',
      ),
      3857,
    );
    assert.equal(
      parsePrj(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      ),
      4326,
    );
    assert.equal(
      parsePrj(
        'PROJCS["ETRF2000-PL / CS92",GEOGCS["ETRF2000-PL",DATUM["ETRF2000_Poland",SPHEROID["GRS 1980",6378137,298.257222101]],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],UNIT["metre",1],AUTHORITY["EPSG","2180"]]',
      ),
      2180,
    );
  });

  it('refuses a .prj of a system it does not support', () => {
    const utm33 =
      'PROJCS["WGS_1984_UTM_Zone_33N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    assert.throws(() => parsePrj(utm33), /WGS_1984_UTM_Zone_33N.*matches no supported coordinate system/);
    assert.throws(() => parsePrj('PROJCS["x",AUTHORITY["EPSG","32633"]]'), /EPSG:32633, which is not a supported/);
    assert.throws(() => parsePrj('this is not WKT'), /cannot read the .prj file/);
  });
});
