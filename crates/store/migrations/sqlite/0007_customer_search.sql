-- Text search. `search_text like '%…%'` reads every customer: 0.7 s on a million. A trigram
-- index (FTS5's `trigram` tokenizer, over the same folded text) finds the customers whose
-- text holds a given substring of three characters or more directly; shorter searches
-- still read the table. The index follows `customers` through these triggers.
create virtual table customer_search using fts5(
    search_text,
    content = 'customers',
    content_rowid = 'customer_key',
    tokenize = 'trigram'
);
insert into customer_search (customer_search) values ('rebuild');

create trigger customer_search_insert after insert on customers begin
    insert into customer_search (rowid, search_text) values (new.customer_key, new.search_text);
end;

create trigger customer_search_delete after delete on customers begin
    insert into customer_search (customer_search, rowid, search_text)
        values ('delete', old.customer_key, old.search_text);
end;

create trigger customer_search_update after update of search_text on customers begin
    insert into customer_search (customer_search, rowid, search_text)
        values ('delete', old.customer_key, old.search_text);
    insert into customer_search (rowid, search_text) values (new.customer_key, new.search_text);
end;
