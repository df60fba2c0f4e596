-- The web app (issue 6): each employee's language (`en`, `fa`, `ka`, `tl`; null: the
-- browser's Accept-Language) and calendar for dates (`gregorian` or `jalali`; null: Jalali
-- for Persian, Gregorian otherwise).
alter table employees add column locale text check (locale in ('en', 'fa', 'ka', 'tl'));
alter table employees add column calendar text check (calendar in ('gregorian', 'jalali'));
