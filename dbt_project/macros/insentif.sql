{# Rulebook §10: the OPD incentive pool. One definition for the pay lines (fct_tpp) and
   the pool's own table (fct_insentif_opd). #}

{# pagu_aktif = pagu_tpp × hari_aktif / hari_kerja of one line, exactly, as a whole
   count of 1/L where L = lcm(1..31) is divisible by every possible hari_kerja: W and
   each share are then integer sums and one floor division (HUGEINT holds
   dana × pagu_aktif·L up to ~10^35). #}
{% macro pagu_aktif_l(line) -%}
    case when {{ line }}.hari_kerja = 0 then cast(0 as hugeint)
    else cast({{ line }}.pagu_tpp as hugeint) * {{ line }}.hari_aktif * (72201776446800 // {{ line }}.hari_kerja) end
{%- endmacro %}

{# Per OPD of `lines` (a relation of pay lines: opd_kode, status, predikat, pagu_tpp,
   hari_kerja, hari_aktif, tpp_bruto), over its BAYAR lines only, with the insentif row in
   force: what the budget held but did not pay, the pool (dana_insentif) and W. #}
{% macro kolam_insentif(lines) -%}
    select
        *,
        -- FLOOR(MAX(dana_tidak_terbayar, 0) × porsi_dana), 0 when the pool is off
        case when aktif then greatest(dana_tidak_terbayar, 0) * {{ to_units('porsi_dana', 4) }} // {{ 10 ** 4 }}
        else 0 end as dana_insentif
    from (
        select
            l.opd_kode,
            coalesce(any_value(i.aktif), false) as aktif,
            any_value(i.porsi_dana) as porsi_dana,
            any_value(i.batas_persen_pagu) as batas_persen_pagu,
            -- Σ (ROUND(pagu_aktif) − tpp_bruto), whole rupiah
            sum(case when l.hari_kerja = 0 then 0 else {{ div_half_up('l.pagu_tpp * l.hari_aktif', 'l.hari_kerja') }} end
                - l.tpp_bruto) as dana_tidak_terbayar,
            coalesce(sum({{ pagu_aktif_l('l') }}) filter (where l.predikat = 'Sangat Baik'), 0) as w_l
        from {{ lines }} as l
        left join ({{ rules_in_force('insentif') }}) as i on true
        where l.status = 'BAYAR'
        group by l.opd_kode
    ) as kolam_opd
{%- endmacro %}
