#
# Message catalogs (gettext, textdomain "blanko"): included by the top
# Makefile, which defines BUILD, LOCALEDIR, VERSION and DESTDIR.
#
#   make            compiles $(BUILD)/locale/LANG/LC_MESSAGES/blanko.mo from
#                   each etc/locale/LANG.po (msgfmt --check: a translation
#                   that breaks a printf format fails the build)
#   make pot        re-extracts etc/locale/blanko.pot from the C sources and
#                   merges it into each LANG.po; run it after adding or
#                   changing any _(), N_() or P_() string, then translate
#   make install    also installs the catalogs under $(DESTDIR)$(LOCALEDIR)
#
# An uninstalled program finds $(BUILD)/locale through BLANKO_LOCALEDIR
# (tests/lib/env.sh; blankoPath in inventory/cli/config.c).  Package: gettext.
#

LOCALE_PO	= $(wildcard etc/locale/*.po)
LOCALE_LANGS	= $(LOCALE_PO:etc/locale/%.po=%)
LOCALE_MO	= $(LOCALE_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/blanko.mo)
LOCALE_SRCS	= $(sort $(wildcard include/blanko/*.h $(addsuffix /*.[ch],inventory inventory/* printctl printctl/*)))

# The printf-like functions that take a translated format, so that xgettext
# marks their strings c-format and msgfmt --check compares the conversions.
XGETTEXT_FLAGS	= --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=W_:2 \
		  --keyword=ngettext:1,2 --keyword=P_:1,2 --keyword=C_:1c,2 \
		  --flag=_:1:pass-c-format --flag=N_:1:pass-c-format --flag=W_:2:pass-c-format \
		  --flag=ngettext:1:pass-c-format --flag=ngettext:2:pass-c-format \
		  --flag=P_:1:pass-c-format --flag=P_:2:pass-c-format \
		  --flag=cliFail:3:c-format --flag=cliUsage:2:c-format \
		  --flag=_invDbSetError:3:c-format --flag=list_error:2:c-format \
		  --flag=fail:3:c-format --flag=tmpl_error:3:c-format \
		  --flag=render_error:2:c-format --flag=cj_set_error:2:c-format \
		  --add-comments=TRANSLATORS: --no-location --package-name=blanko \
		  --package-version=$(VERSION) --copyright-holder="the blanko authors"

.PHONY: pot install-locale
all: $(LOCALE_MO)
install: install-locale

$(BUILD)/locale/%/LC_MESSAGES/blanko.mo: etc/locale/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

pot:
	xgettext $(XGETTEXT_FLAGS) -o etc/locale/blanko.pot $(LOCALE_SRCS)
	for po in $(LOCALE_PO); do \
	  msgmerge --quiet --no-location --update --backup=none $$po etc/locale/blanko.pot || exit 1; \
	done

install-locale: $(LOCALE_MO)
	for l in $(LOCALE_LANGS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/blanko.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/blanko.mo || exit 1; \
	done

.PHONY: uninstall-locale
uninstall-locale:
	for l in $(LOCALE_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/blanko.mo; done
